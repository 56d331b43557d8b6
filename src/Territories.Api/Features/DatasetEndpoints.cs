using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Csv;
using Territories.Api.Hosting;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Storage;
using Territories.Api.Access;


using Territories.Api.Bodies;

namespace Territories.Api.Features;

/// <summary>Datasets (books of business): create from contract JSON or CSV, list, read, page accounts, replace, delete, export.</summary>
public static class DatasetEndpoints
{
    public const int MaxPageSize = 1000;

    public static void MapDatasets(this IEndpointRouteBuilder app)
    {
        var datasets = app.MapGroup("/api/v1/datasets").WithTags("Datasets");
        datasets.MapGet("/", List).WithName("ListDatasets")
            .WithSummary("List datasets")
            .WithDescription("Every dataset with its id, name, version and counts of reps, accounts and units.").ForMembers();
        datasets.MapPost("/", Create).Accepts<JsonElement>("application/json").WithName("CreateDataset")
            .WithSummary("Create a dataset from a territory problem")
            .WithDescription("The body is a territory problem (contract section 1): reps and accounts, optionally units and pairs. Answers 201 with the dataset and its Location. Every invalid field is reported at once with its path.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners();
        datasets.MapPost("/csv", CreateFromCsv).Accepts<IFormFileCollection>("multipart/form-data").WithName("CreateDatasetFromCsv")
            .WithSummary("Create a dataset from CSV files")
            .WithDescription("multipart/form-data with the files `reps` (reps.csv) and `accounts` (accounts.csv), optionally `org` (org.csv: `id,name,parentId`, the sales organisation; reps name their leaf unit in `orgUnitId`), and an optional `name` field. Errors name the file, row and column.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners();
        datasets.MapGet("/{id}", Get).WithName("GetDataset")
            .WithSummary("Get a dataset")
            .WithDescription("The dataset with its reps and accounts; its ETag is the version.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        datasets.MapPut("/{id}", Replace).Accepts<JsonElement>("application/json").WithName("ReplaceDataset")
            .WithSummary("Replace a dataset")
            .WithDescription("A new territory problem replaces the dataset's contents; its version goes up. Runs already made keep the data they solved.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners();
        datasets.MapDelete("/{id}", Delete).WithName("DeleteDataset")
            .WithSummary("Delete a dataset")
            .WithDescription("Deletes the dataset; refused with 409 while scenarios still use it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ForPlanners();
        datasets.MapGet("/{id}/accounts", Accounts).WithName("ListDatasetAccounts")
            .WithSummary("List a dataset's accounts, a page at a time")
            .WithDescription("Accounts in id order, filtered by `repId`, `segment` or `tier`, a page at a time (`offset`, `limit` up to 1,000).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        datasets.MapGet("/{id}/export", Export).WithName("ExportDataset")
            .WithSummary("Export a dataset as a territory problem")
            .WithDescription("The dataset as the contract's JSON document, ready for `territories solve`.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        datasets.MapGet("/{id}/reps.csv", RepsCsv).WithName("ExportDatasetRepsCsv")
            .WithSummary("Export a dataset's reps as CSV")
            .WithDescription("The columns the CSV upload reads.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        datasets.MapGet("/{id}/accounts.csv", AccountsCsv).WithName("ExportDatasetAccountsCsv")
            .WithSummary("Export a dataset's accounts as CSV")
            .WithDescription("The columns the CSV upload reads.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        datasets.MapGet("/{id}/org.csv", OrgCsv).WithName("ExportDatasetOrgCsv")
            .WithSummary("Export a dataset's sales organisation as CSV")
            .WithDescription("The org units (`id,name,parentId`) the CSV upload reads as `org`; only the header when the dataset has no organisation.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
    }

    public static async Task<Ok<IReadOnlyList<DatasetSummary>>> List(TerritoryStore store, CancellationToken cancel) =>
        TypedResults.Ok<IReadOnlyList<DatasetSummary>>((await store.Datasets.ListAsync(cancel)).Select(DatasetSummary.Of).ToList());

    /// <summary>
    /// Creates a dataset from a territory problem (contract section 1); its <c>options</c> become the scenarios' default.
    /// The body is read as it is stored: everything but the accounts first, then each account checked and written as
    /// it is read, in one transaction that an invalid account abandons.
    /// </summary>
    public static async Task<Results<Created<DatasetSummary>, ValidationProblem>> Create(HttpRequest request, TerritoryStore store, RequestBodies bodies,
        CancellationToken cancel)
    {
        await using var body = await bodies.OpenAsync(request, BodySize.Document, cancel);
        try
        {
            return Created(request.HttpContext, await store.Datasets.CreateAsync(DatasetContents.Read(TerritoryProblemStream.Open(body)), cancel: cancel));
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
    }

    /// <summary>
    /// Creates a dataset from a <c>multipart/form-data</c> upload: files <c>reps</c> (reps.csv) and <c>accounts</c>
    /// (accounts.csv), and an optional <c>name</c> field. Errors name the file, row and column.
    /// </summary>
    public static async Task<Results<Created<DatasetSummary>, ValidationProblem>> CreateFromCsv(HttpRequest request, TerritoryStore store, RequestBodies bodies,
        CancellationToken cancel)
    {
        var (form, malformed) = await CsvUpload.ReadFormAsync(request, "the files \"reps\" and \"accounts\"", cancel);
        if (malformed is not null) return malformed;
        var missing = new[] { "reps", "accounts" }.Where(f => form!.Files[f] is null).Select(f => new InputError(f, $"the file \"{f}\" ({f}.csv) is required")).ToList();
        if (missing.Count > 0) return ContractBody.Problem(missing);
        if (bodies.IsLarge(form!.Files.Sum(f => f.Length))) await bodies.EnterLargeAsync(request.HttpContext, cancel);
        try
        {
            var problem = DatasetCsv.Read(form["name"].FirstOrDefault() ?? DatasetContents.UntitledName,
                await CsvUpload.TextOf(form.Files["reps"]!, cancel), await CsvUpload.TextOf(form.Files["accounts"]!, cancel),
                form.Files["org"] is { } org ? await CsvUpload.TextOf(org, cancel) : null);
            return Created(request.HttpContext, await store.Datasets.CreateAsync(DatasetContents.Of(problem), cancel: cancel));
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
    }

    /// <summary>The dataset's summary and overview, read without its document (made from it once for a dataset stored before overviews were kept).</summary>
    public static async Task<Results<Ok<DatasetDetail>, ProblemHttpResult>> Get(string id, HttpResponse response, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Datasets.GetOverviewAsync(id, cancel) is not { } stored) return ApiProblems.NotFound("dataset", id);
        var (record, figures) = stored.Overview is { } json ? (stored.Dataset, DatasetFigures.FromJson(json)) : await KeepOverviewAsync(store, id, cancel);
        if (record is null) return ApiProblems.NotFound("dataset", id);
        ETags.Set(response, record.Version);
        return TypedResults.Ok(DatasetDetail.Of(DatasetSummary.Of(record), figures!));
    }

    private static async Task<(DatasetRecord?, DatasetFigures?)> KeepOverviewAsync(TerritoryStore store, string id, CancellationToken cancel)
    {
        if (await store.Datasets.GetAsync(id, cancel) is not { } record) return (null, null);
        var figures = DatasetFigures.Of(TerritoryProblemReader.Read(record.Document));
        await store.Datasets.SetOverviewAsync(id, record.Version, figures.ToJson(), cancel);
        return (record, figures);
    }

    /// <summary>
    /// Replaces the whole dataset, reading the body as it is stored (as <see cref="Create"/>); with <c>If-Match</c>, only
    /// if nobody replaced it since that version (else 412). Invalid input leaves the stored version as it was.
    /// </summary>
    public static async Task<Results<Ok<DatasetSummary>, ValidationProblem, ProblemHttpResult>> Replace(string id, HttpRequest request, TerritoryStore store,
        RequestBodies bodies, CancellationToken cancel)
    {
        await using var body = await bodies.OpenAsync(request, BodySize.Document, cancel);
        StoreWrite<DatasetRecord> write;
        try
        {
            write = await store.Datasets.ReplaceAsync(id, DatasetContents.Read(TerritoryProblemStream.Open(body)), ETags.RequiredVersion(request), cancel);
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
        switch (write.Outcome)
        {
            case WriteOutcome.NotFound: return ApiProblems.NotFound("dataset", id);
            case WriteOutcome.VersionMismatch: return ApiProblems.Stale("dataset", id, write.Value!.Version);
        }
        ETags.Set(request.HttpContext.Response, write.Value!.Version);
        return TypedResults.Ok(DatasetSummary.Of(write.Value));
    }

    /// <summary>Deletes a dataset no scenario uses; otherwise 409 naming the scenarios; with <c>If-Match</c>, only that version (else 412).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpRequest request, TerritoryStore store, CancellationToken cancel)
    {
        var write = await store.Datasets.DeleteAsync(id, ETags.RequiredVersion(request), cancel);
        return write.Outcome switch
        {
            WriteOutcome.NotFound => ApiProblems.NotFound("dataset", id),
            WriteOutcome.VersionMismatch => ApiProblems.Stale("dataset", id, write.Value!.Version),
            WriteOutcome.InUse => ApiProblems.Conflict("The dataset is in use",
                $"Scenarios {string.Join(", ", write.UsedBy)} use dataset \"{id}\"; delete them first.",
                new Dictionary<string, object?> { ["scenarioIds"] = write.UsedBy }),
            _ => TypedResults.NoContent(),
        };
    }

    /// <summary>A page of accounts, filtered by current rep, segment and tier (all optional); reads only that page from the store.</summary>
    public static async Task<Results<AccountPageJson, ValidationProblem, ProblemHttpResult>> Accounts(string id, TerritoryStore store, CancellationToken cancel,
        [FromQuery] string? repId = null, [FromQuery] string? segment = null, [FromQuery] string? tier = null, [FromQuery] int offset = 0, [FromQuery] int limit = 100)
    {
        var errors = new List<InputError>();
        if (offset < 0) errors.Add(new InputError("offset", $"must be 0 or more, not {offset}"));
        if (limit is < 1 or > MaxPageSize) errors.Add(new InputError("limit", $"must be between 1 and {MaxPageSize}, not {limit}"));
        if (errors.Count > 0) return ContractBody.Problem(errors);
        var page = await store.Datasets.PageAccountsAsync(id, new AccountQuery(repId, segment, tier, offset, limit), cancel);
        return page is null ? ApiProblems.NotFound("dataset", id) : new AccountPageJson(page, offset, limit);
    }

    /// <summary>The dataset as contract JSON (section 1), ready to solve with the CLI or to send back.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Export(string id, TerritoryStore store, CancellationToken cancel) =>
        await store.Datasets.GetAsync(id, cancel) is { } record
            ? TypedResults.Content(record.Document, "application/json")
            : ApiProblems.NotFound("dataset", id);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> RepsCsv(string id, TerritoryStore store, CancellationToken cancel) =>
        ExportCsv(id, store, DatasetCsv.WriteReps, cancel);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> AccountsCsv(string id, TerritoryStore store, CancellationToken cancel) =>
        ExportCsv(id, store, DatasetCsv.WriteAccounts, cancel);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> OrgCsv(string id, TerritoryStore store, CancellationToken cancel) =>
        ExportCsv(id, store, DatasetCsv.WriteOrg, cancel);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ExportCsv(string id, TerritoryStore store, Func<TerritoryProblem, string> write,
        CancellationToken cancel) =>
        await store.Datasets.GetAsync(id, cancel) is { } record
            ? TypedResults.Content(write(TerritoryProblemReader.Read(record.Document)), "text/csv")
            : ApiProblems.NotFound("dataset", id);

    private static Created<DatasetSummary> Created(HttpContext context, DatasetRecord record)
    {
        ETags.Set(context.Response, record.Version);
        return TypedResults.Created($"/api/v1/datasets/{record.Id}", DatasetSummary.Of(record));
    }
}
