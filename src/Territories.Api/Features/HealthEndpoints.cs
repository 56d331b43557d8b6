using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Storage;


namespace Territories.Api.Features;

/// <summary><c>GET /health</c>: 200 while the service and its store answer, 503 when the store does not.</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app) => app.MapGet("/health", Health).WithTags("Health").WithName("Health")
            .WithSummary("Is the service up?")
            .WithDescription("200 while the service and its store answer; 503 with the store's status when the store does not. Needs no credentials.")
            .Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable).AllowAnonymous();

    public static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> Health(TerritoryStore store, CancellationToken cancel)
    {
        var engine = store.Database.Engine;
        return await store.IsUpAsync(cancel)
            ? TypedResults.Ok(new HealthStatus("ok", engine, "up"))
            : TypedResults.Json(new HealthStatus("unavailable", engine, "down"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <param name="Store">The store's engine: sqlite or postgres.</param>
/// <param name="StoreStatus">up or down.</param>
public sealed record HealthStatus(string Status, string Store, string StoreStatus);
