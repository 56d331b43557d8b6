using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Territories.Api.Access;

/// <summary>
/// Counts failed sign-ins and failed key checks with .NET's built-in rate limiters (fixed windows): per name (user name
/// or key id) and client address, and per client address alone. While either is spent, the next attempt is refused
/// with 429 and <c>Retry-After</c> before any credential is checked, right or wrong; other names and addresses are not
/// affected (but the address's own budget).
/// </summary>
public sealed class FailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byNameAndAddress;
    private readonly PartitionedRateLimiter<string> _byAddress;

    public FailureLimiter(IOptions<AccessSettings> options)
    {
        var settings = options.Value;
        _byNameAndAddress = Limiter(settings.FailuresPerNameAndAddress, settings.FailureWindow);
        _byAddress = Limiter(settings.FailuresPerAddress, settings.FailureWindow);
    }

    /// <summary>How long the caller must wait before trying again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string name, string address)
    {
        foreach (var (limiter, key) in Partitions(name, address))
        {
            using var probe = limiter.AttemptAcquire(key, 0);
            if (!probe.IsAcquired) return probe.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        }
        return null;
    }

    /// <summary>Counts one failed attempt.</summary>
    public void Failed(string name, string address)
    {
        foreach (var (limiter, key) in Partitions(name, address)) limiter.AttemptAcquire(key, 1).Dispose();
    }

    public void Dispose()
    {
        _byNameAndAddress.Dispose();
        _byAddress.Dispose();
    }

    private (PartitionedRateLimiter<string> Limiter, string Key)[] Partitions(string name, string address) =>
        [(_byNameAndAddress, $"{name}\n{address}"), (_byAddress, address)];

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>The client's address as the server sees it (behind a proxy: configure forwarded headers).</summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
