using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Domain.Contracts;
using Territories.Domain.Hiring;
using Territories.Planning.Hiring;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Access;
using Territories.Api.Bodies;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary>
/// <c>POST /api/v1/hiring/plan</c>: a hiring request (contract section 6) in, its hiring plan out; and
/// <c>GET /api/v1/datasets/{id}/hiring-request</c>: the request a dataset's book implies (as <c>territories hire</c> builds it).
/// </summary>
public static class HiringEndpoints
{
    public const int MaxQuarters = 40;

    public static void MapHiring(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/hiring").WithTags("Hiring")
            .MapPost("/plan", Plan).Accepts<JsonElement>("application/json").WithName("PlanHiring")
            .WithSummary("Plan hiring")
            .WithDescription("A hiring request (contract section 6) in, hires per quarter, region and skills out: first the least uncovered demand, then the least cost, each proven unless the time limit (capped at 60 s) stops it; every shortfall says why.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForHiring().LimitedAsSolve();
        app.MapGet("/api/v1/datasets/{id}/hiring-request", FromBook).WithTags("Hiring").WithName("GetDatasetHiringRequest")
            .WithSummary("The hiring request a dataset's book implies")
            .WithDescription("Each account's workload, grown by `growth` a year, becomes quarterly demand in its current rep's region for the scarcest skill it needs; the reps, defaults for costs, ramp and attrition, and three what-ifs, as `territories hire` builds them from a book. Query: `start` (e.g. 2027-Q1), `quarters` (1 to 40, default 8), `growth` (default 0). Edit and send it to POST /api/v1/hiring/plan.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
    }

    public static async Task<Results<Ok<object>, ValidationProblem, ProblemHttpResult>> FromBook(string id, TerritoryStore store, CancellationToken cancel,
        [FromQuery] string? start = null, [FromQuery] int quarters = 8, [FromQuery] double growth = 0)
    {
        var errors = new List<InputError>();
        if (!Quarter.TryParse(start, out var first)) errors.Add(new InputError("start", $"must be a quarter such as 2027-Q1, not \"{start}\""));
        if (quarters is < 1 or > MaxQuarters) errors.Add(new InputError("quarters", $"must be between 1 and {MaxQuarters}, not {quarters}"));
        if (!double.IsFinite(growth) || growth is < -1 or > 10) errors.Add(new InputError("growth", $"must be between -1 and 10 (a share per year), not {growth}"));
        if (errors.Count > 0) return ContractBody.Problem(errors);
        if (await store.Datasets.GetAsync(id, cancel) is not { } record) return ApiProblems.NotFound("dataset", id);
        return TypedResults.Ok(HiringRequestWriter.Document(BookDemand.Request(TerritoryProblemReader.Read(record.Document), first, quarters, growth)));
    }

    public static Task<Results<Ok<HiringPlan>, ValidationProblem>> Plan(HttpRequest request, CancellationToken cancel) =>
        ContractBody.Answer(request, BodySize.Small, HiringRequestReader.Read,
            hiring => HiringPlanner.Plan(hiring with { TimeLimitSeconds = Math.Min(hiring.TimeLimitSeconds, PlanEndpoints.MaxSyncSeconds) }), cancel);
}
