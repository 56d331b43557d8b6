using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Access;
using Territories.Api.Bodies;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Visits;
using Territories.Geo;
using Territories.Planning.Visits;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary><c>POST /api/v1/runs/{id}/visits</c>: a run's territories turned into daily routes (contract section 9), as JSON, a rep's calendar or a day's map.</summary>
public static class VisitEndpoints
{
    public static void MapVisits(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/runs/{id}/visits", Plan).Accepts<JsonElement>("application/json").WithTags("Visits").WithName("RunVisits")
            .WithSummary("Plan the visits of a run's territories as daily routes")
            .WithDescription("The body is `{ \"policy\": <visit policy>, \"from\": \"2027-01-04\", \"weeks\": 4 }`. Answers the visit plan: per rep and working day a route from home and back with arrival, start and end times, and what cannot fit with its reason. `format=ics&repId=…` answers the rep's visits as an iCalendar file; `format=svg` or `format=geojson` with `repId` and `date` answers the map of that day's route. 409 when the run has no plan.")
            .Produces<VisitPlan>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners().LimitedAsSolve();
    }

    /// <summary>The body: the visit policy and the period.</summary>
    private sealed record VisitRequest(VisitPolicy Policy, DateOnly From, int Weeks);

    private static VisitRequest? Read(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } f) return null;
        var policy = f.Object("policy", required: true) is { } p ? VisitPolicyReader.Read(p, errors) : null;
        var from = f.Date("from", required: true);
        var weeks = f.Integer("weeks", min: 1, max: VisitInputs.MaxWeeks) ?? 4;
        f.RejectUnknown();
        return policy is not null && from is { } start ? new VisitRequest(policy, start, weeks) : null;
    }

    public static async Task<IResult> Plan(string id, HttpRequest request, TerritoryStore store, CancellationToken cancel,
        [FromQuery] string? format = null, [FromQuery] string? repId = null, [FromQuery] string? date = null)
    {
        if (await store.Runs.GetAsync(id, cancel) is not { } run) return ApiProblems.NotFound("run", id);
        if (RunResource.PlanOf(run) is not { Assignments.Count: > 0 } plan)
            return ApiProblems.Conflict("The run has no plan", $"Run \"{id}\" is {run.State.ToString().ToLowerInvariant()} without a plan; visits need the plan's territories.");
        var (body, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, Read, cancel);
        if (invalid is not null) return invalid;
        var problem = TerritoryProblemReader.Read(run.Problem);
        try
        {
            var output = Output(format, repId, date, problem);
            var repOf = VisitInputs.Check(problem, plan.Assignments.Select(a => (a.AccountId, a.RepId)), body!.Policy, body.Weeks);
            var visits = VisitPlanner.Plan(problem, repOf, body.Policy, body.From, body.Weeks);
            return output(visits);
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
    }

    /// <summary>How the answer is written, checked before planning: JSON, or for one rep its calendar or a day's map.</summary>
    private static Func<VisitPlan, IResult> Output(string? format, string? repId, string? date, TerritoryProblem problem)
    {
        if (format is null or "json") return plan => TypedResults.Ok(plan);
        var errors = new List<InputError>();
        if (format is not ("ics" or "svg" or "geojson")) errors.Add(new InputError("format", $"must be json, ics, svg or geojson, not \"{format}\""));
        if (repId is null || !problem.HasRep(new RepId(repId))) errors.Add(new InputError("repId", repId is null ? $"is required with format={format}" : $"names rep \"{repId}\", which is not in the run's problem"));
        DateOnly day = default;
        if (format is "svg" or "geojson" && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            errors.Add(new InputError("date", $"must be a date \"yyyy-MM-dd\" with format={format}"));
        if (errors.Count > 0) throw new InvalidInputException(errors);
        var rep = new RepId(repId!);
        return plan =>
        {
            var days = plan.Reps.SingleOrDefault(r => r.RepId == rep)?.Days ?? [];
            if (format == "ics")
                return TypedResults.Text(VisitCalendar.Write(rep, days, DateTimeOffset.UtcNow, a => problem.Accounts[problem.AccountIndexOf(a)].Name), "text/calendar; charset=utf-8");
            if (days.SingleOrDefault(d => d.Date == day) is not { } routed)
                return ApiProblems.NotFound("route", $"{rep} {day:yyyy-MM-dd}");
            return format == "svg"
                ? TypedResults.Text(RouteMap.Svg(problem, rep, routed), "image/svg+xml")
                : TypedResults.Text(RouteMap.GeoJson(problem, rep, routed), "application/geo+json");
        };
    }
}
