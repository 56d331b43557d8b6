using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Domain.Contracts;
using Territories.Domain.Hiring;
using Territories.Planning.Hiring;
using Territories.Api.Access;


using Territories.Api.Bodies;

namespace Territories.Api.Features;

/// <summary><c>POST /api/v1/hiring/plan</c>: a hiring request (contract section 6) in, its hiring plan out.</summary>
public static class HiringEndpoints
{
    public static void MapHiring(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/hiring").WithTags("Hiring")
            .MapPost("/plan", Plan).Accepts<JsonElement>("application/json").WithName("PlanHiring")
            .WithSummary("Plan hiring")
            .WithDescription("A hiring request (contract section 6) in, hires per quarter, region and skills out: first the least uncovered demand, then the least cost, each proven unless the time limit (capped at 60 s) stops it; every shortfall says why.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForHiring().LimitedAsSolve();

    public static Task<Results<Ok<HiringPlan>, ValidationProblem>> Plan(HttpRequest request, CancellationToken cancel) =>
        ContractBody.Answer(request, BodySize.Small, HiringRequestReader.Read,
            hiring => HiringPlanner.Plan(hiring with { TimeLimitSeconds = Math.Min(hiring.TimeLimitSeconds, PlanEndpoints.MaxSyncSeconds) }), cancel);
}
