using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Territories.Api.Access;

/// <summary>
/// Per-user limits on work that costs solver time, with ASP.NET Core's rate limiter (fixed windows of a minute):
/// the stateless computations (<see cref="AccessSettings.SolvesPerMinute"/>) and run submissions
/// (<see cref="AccessSettings.RunsPerMinute"/>). Over the limit: 429 with <c>Retry-After</c>.
/// </summary>
public static class ComputeLimits
{
    private const string Solves = "solves";
    private const string Runs = "runs";

    public static void Add(RateLimiterOptions options, AccessSettings settings)
    {
        options.AddPolicy(Solves, context => PerUser(context, settings.SolvesPerMinute));
        options.AddPolicy(Runs, context => PerUser(context, settings.RunsPerMinute));
        options.OnRejected = (rejected, _) =>
        {
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            return new ValueTask(CredentialAuthentication.WriteThrottledAsync(rejected.HttpContext,
                rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(), wait));
        };
    }

    /// <summary>A stateless solve, analysis, quota or hiring computation.</summary>
    public static RouteHandlerBuilder LimitedAsSolve(this RouteHandlerBuilder builder) =>
        builder.RequireRateLimiting(Solves).ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>A run submission.</summary>
    public static RouteHandlerBuilder LimitedAsRun(this RouteHandlerBuilder builder) =>
        builder.RequireRateLimiting(Runs).ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static RateLimitPartition<string> PerUser(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(Caller.Of(context.User)?.Id ?? FailureLimiter.AddressOf(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });
}
