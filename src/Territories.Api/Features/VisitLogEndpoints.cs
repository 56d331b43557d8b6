using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Access;
using Territories.Api.Actuals;
using Territories.Api.Bodies;
using Territories.Api.Csv;
using Territories.Domain.Actuals;
using Territories.Domain.Contracts;
using Territories.Domain.Visits;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary>
/// Plan against actual (issue 15): the visits and sales logged per account (JSON one at a time, or a CSV upload), the
/// log's listing with the rep each sale is credited to, the dataset's visit policy in force, and the weekly report per
/// rep and org unit. Planners and up log and set the policy; every member reads.
/// </summary>
public static class VisitLogEndpoints
{
    public static void MapVisitLog(this IEndpointRouteBuilder app)
    {
        var datasets = app.MapGroup("/api/v1/datasets").WithTags("Visits");
        datasets.MapPost("/{id}/visits", Log).Accepts<JsonElement>("application/json").WithName("LogVisit")
            .WithSummary("Log a visit or a sale")
            .WithDescription("Body `{ \"date\": \"2027-01-19\", \"accountId\", \"repId\", \"outcome\": \"completed|no-show|cancelled|order\", \"sale\": 1250.50, \"note\" }` (`sale` optional, required for an `order`). Answers 201 with the entry and the rep the sale is credited to (the account's owner on that day).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForPlanners();
        datasets.MapPost("/{id}/visits.csv", LogCsv).Accepts<IFormFileCollection>("multipart/form-data").WithName("LogVisitsCsv")
            .WithSummary("Upload a visit log as CSV")
            .WithDescription("multipart/form-data with the file `visits` (visits.csv: `date,accountId,repId,outcome,sale,note`). All rows or none are logged; errors name the file, row and column.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForPlanners();
        datasets.MapGet("/{id}/visits", List).WithName("ListVisits")
            .WithSummary("The visit log")
            .WithDescription("`from`, `to` (yyyy-MM-dd, inclusive), `repId` (who logged), `accountId`: the entries by day, each with `creditedTo`.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        datasets.MapGet("/{id}/visits/report", Report).WithName("WeeklyVisitReport")
            .WithSummary("The weekly plan-against-actual report")
            .WithDescription("`week` (ISO, `2027-W03`), `format=csv` for a spreadsheet. Per rep, org unit and the team: planned vs done visits by tier, new prospects visited, credited sales against the week's quota, overdue accounts.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        datasets.MapPut("/{id}/visit-policy", PutPolicy).Accepts<JsonElement>("application/json").WithName("PutVisitPolicy")
            .WithSummary("Put the dataset's visit policy in force")
            .WithDescription("A visit policy (contract section 9); the weekly report plans visits and finds overdue accounts with it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForPlanners();
        datasets.MapGet("/{id}/visit-policy", GetPolicy).WithName("GetVisitPolicy")
            .WithSummary("The dataset's visit policy in force")
            .WithDescription("The policy as put, who put it and when; 404 when none is in force.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
    }

    public static async Task<Results<Created<VisitEntry>, ValidationProblem, ProblemHttpResult>> Log(string id, HttpRequest request, Caller caller,
        TerritoryStore store, CancellationToken cancel)
    {
        if (await DatasetActuals.LoadAsync(id, store, cancel) is not { } actuals) return ApiProblems.NotFound("dataset", id);
        var reader = actuals.VisitReader();
        var (visit, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, (root, errors) => reader.Read(root, "", errors), cancel);
        if (invalid is not null) return invalid;
        var stored = (await store.VisitLog.AddAsync(id, [visit!], caller.Name, cancel))[0];
        return TypedResults.Created($"/api/v1/datasets/{id}/visits?accountId={Uri.EscapeDataString(visit!.AccountId)}", VisitEntry.Of(stored, actuals.Owners));
    }

    public static async Task<Results<Created<LoggedVisits>, ValidationProblem, ProblemHttpResult>> LogCsv(string id, HttpRequest request, Caller caller,
        TerritoryStore store, RequestBodies bodies, CancellationToken cancel)
    {
        if (await DatasetActuals.LoadAsync(id, store, cancel) is not { } actuals) return ApiProblems.NotFound("dataset", id);
        var (form, malformed) = await CsvUpload.ReadFormAsync(request, "the file \"visits\"", cancel);
        if (malformed is not null) return malformed;
        if (form!.Files["visits"] is not { } file) return ContractBody.Problem([new InputError("visits", "the file \"visits\" (visits.csv) is required")]);
        if (bodies.IsLarge(file.Length)) await bodies.EnterLargeAsync(request.HttpContext, cancel);
        IReadOnlyList<LoggedVisit> visits;
        try
        {
            visits = VisitLogCsv.Read(await CsvUpload.TextOf(file, cancel), actuals.VisitReader());
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
        var stored = await store.VisitLog.AddAsync(id, visits, caller.Name, cancel);
        return TypedResults.Created($"/api/v1/datasets/{id}/visits", new LoggedVisits(stored.Count, stored.Select(s => VisitEntry.Of(s, actuals.Owners)).ToList()));
    }

    public static async Task<Results<Ok<LoggedVisits>, ValidationProblem, ProblemHttpResult>> List(string id, TerritoryStore store, CancellationToken cancel,
        [FromQuery] string? from = null, [FromQuery] string? to = null, [FromQuery] string? repId = null, [FromQuery] string? accountId = null)
    {
        var errors = new List<InputError>();
        var (first, last) = (QueryDate.Parse("from", from, errors), QueryDate.Parse("to", to, errors));
        if (errors.Count > 0) return ContractBody.Problem(errors);
        if (await store.PlansInForce.TimelineAsync(id, cancel) is not { } owners) return ApiProblems.NotFound("dataset", id);
        var entries = (await store.VisitLog.ListAsync(id, first, last, cancel))
            .Where(v => (repId is null || v.Visit.RepId == repId) && (accountId is null || v.Visit.AccountId == accountId))
            .Select(v => VisitEntry.Of(v, owners)).ToList();
        return TypedResults.Ok(new LoggedVisits(entries.Count, entries));
    }

    public static async Task<Results<Ok<WeeklyReport>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Report(string id, TerritoryStore store,
        CancellationToken cancel, [FromQuery] string? week = null, [FromQuery] string? format = null)
    {
        var errors = new List<InputError>();
        var monday = week is null ? null : WeeklyReportBuilder.MondayOf(week);
        if (monday is null) errors.Add(new InputError("week", $"must be an ISO week such as 2027-W03, not {(week is null ? "missing" : $"\"{week}\"")}"));
        if (format is not null and not "json" and not "csv") errors.Add(new InputError("format", $"must be json or csv, not \"{format}\""));
        if (errors.Count > 0) return ContractBody.Problem(errors);
        if (await DatasetActuals.LoadAsync(id, store, cancel) is not { } actuals) return ApiProblems.NotFound("dataset", id);
        var log = await store.VisitLog.ListAsync(id, to: monday!.Value.AddDays(6), cancel: cancel);
        var report = WeeklyReportBuilder.Build(week!, monday.Value,
            new WeeklyReportInputs(actuals.Problem, actuals.Owners, log, actuals.Policy, actuals.RelievedQuotaPlan()?.Plan));
        return format == "csv" ? TypedResults.Text(VisitLogCsv.WriteReport(report), "text/csv") : TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<VisitPolicyInForce>, ValidationProblem, ProblemHttpResult>> PutPolicy(string id, HttpRequest request, Caller caller,
        TerritoryStore store, CancellationToken cancel)
    {
        var text = await ContractBody.ReadTextAsync(request, BodySize.Small, cancel);
        try
        {
            VisitPolicyReader.Read(text);
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
        if (!await store.Datasets.ExistsAsync(id, cancel)) return ApiProblems.NotFound("dataset", id);
        await store.DatasetPlans.PutAsync(id, DatasetPlanKinds.VisitPolicy, text, text, 0, caller.Name, cancel);
        return TypedResults.Ok(VisitPolicyInForce.Of((await store.DatasetPlans.GetAsync(id, DatasetPlanKinds.VisitPolicy, cancel))!));
    }

    public static async Task<Results<Ok<VisitPolicyInForce>, ProblemHttpResult>> GetPolicy(string id, TerritoryStore store, CancellationToken cancel)
    {
        if (!await store.Datasets.ExistsAsync(id, cancel)) return ApiProblems.NotFound("dataset", id);
        return await store.DatasetPlans.GetAsync(id, DatasetPlanKinds.VisitPolicy, cancel) is { } policy
            ? TypedResults.Ok(VisitPolicyInForce.Of(policy))
            : ApiProblems.NotFound("visit policy of dataset", id);
    }
}

/// <summary>A logged entry as listed: what was logged, by whom, and the rep its sale is credited to (the owner that day).</summary>
public sealed record VisitEntry(string Id, DateOnly Date, string AccountId, string RepId, string Outcome, decimal? Sale, string? Note, string? CreditedTo,
    string? LoggedBy, DateTimeOffset LoggedAt)
{
    public static VisitEntry Of(StoredVisit stored, OwnerTimeline owners) => new(stored.Id, stored.Visit.Date, stored.Visit.AccountId, stored.Visit.RepId,
        stored.Visit.Outcome, stored.Visit.Sale, stored.Visit.Note, stored.Visit.Sale is > 0 ? owners.OwnerOn(stored.Visit.AccountId, stored.Visit.Date) : null,
        stored.LoggedBy, stored.LoggedAt);
}

public sealed record LoggedVisits(int Count, IReadOnlyList<VisitEntry> Visits);

/// <summary>The visit policy in force, as put, and by whom when.</summary>
public sealed record VisitPolicyInForce(JsonElement Policy, string? PutBy, DateTimeOffset PutAt)
{
    public static VisitPolicyInForce Of(DatasetPlan stored)
    {
        using var document = JsonDocument.Parse(stored.Request);
        return new VisitPolicyInForce(document.RootElement.Clone(), stored.PutBy, stored.PutAt);
    }
}
