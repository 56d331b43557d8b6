using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Territories.Load;

/// <summary>Request latencies and status codes of one kind of request, thread-safe; percentiles by the nearest-rank method.</summary>
public sealed class Latencies(string name)
{
    private readonly ConcurrentBag<double> _milliseconds = [];
    private readonly ConcurrentDictionary<int, int> _statuses = new();

    public string Name => name;
    public int Count => _milliseconds.Count;
    public int CountOf(int status) => _statuses.GetValueOrDefault(status);
    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public async Task<HttpResponseMessage> TimeAsync(Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await send();
        _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        return response;
    }

    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string Summary(double seconds) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Count} | {Count / seconds:0} | {Percentile(50):0.0} | {Percentile(99):0.0} | {Percentile(100):0.0} | {string.Join(" ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))} |");

    public const string Header = "| requests | count | per second | p50 ms | p99 ms | max ms | statuses |\n|---|---|---|---|---|---|---|";
}
