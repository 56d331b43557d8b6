using Microsoft.AspNetCore.Http.HttpResults;

namespace Territories.Api.Features;

/// <summary><c>GET /health</c>: 200 while the service is up (the store joins this check when it lands).</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app) => app.MapGet("/health", Health).WithName("Health");

    public static Ok<HealthStatus> Health() => TypedResults.Ok(new HealthStatus("ok"));
}

public sealed record HealthStatus(string Status);
