using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Domain.Contracts;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;
using Territories.Api.Access;


using Territories.Api.Bodies;

namespace Territories.Api.Features;

/// <summary><c>POST /api/v1/quotas/decompose</c>: a quota request (contract section 5) in, its quota plan out.</summary>
public static class QuotaEndpoints
{
    public static void MapQuotas(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/quotas").WithTags("Quotas")
            .MapPost("/decompose", Decompose).Accepts<JsonElement>("application/json").WithName("DecomposeQuotas")
            .WithSummary("Split a goal into quotas")
            .WithDescription("A quota request (contract section 5) in, quotas per rep, quarter, month and week out; every level adds up exactly.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners().LimitedAsSolve();

    public static Task<Results<Ok<QuotaPlan>, ValidationProblem>> Decompose(HttpRequest request, CancellationToken cancel) =>
        ContractBody.Answer(request, BodySize.Small, QuotaRequestReader.Read, QuotaPlanner.Plan, cancel);
}
