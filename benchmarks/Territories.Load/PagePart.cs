using System.Diagnostics;
using System.Globalization;

namespace Territories.Load;

/// <summary>Accounts pages of a large dataset at 8 connections: unfiltered at random offsets, then filtered by rep and by tier.</summary>
public static class PagePart
{
    public const int Connections = 8;

    public static async Task RunAsync(ServiceApi api, LoadOptions options, TextWriter report)
    {
        var book = LoadBooks.Book(options.Accounts, Math.Max(10, options.Accounts / 600), 10);
        var upload = Stopwatch.GetTimestamp();
        var dataset = await api.Create("/api/v1/datasets", book);
        var uploadSeconds = Stopwatch.GetElapsedTime(upload).TotalSeconds;
        var reps = Math.Max(10, options.Accounts / 600);

        var pages = await Drive(api, "accounts page, limit 100, random offset", options.PageSeconds,
            random => $"/api/v1/datasets/{dataset}/accounts?limit=100&offset={random.Next(options.Accounts - 100)}");
        var filtered = await Drive(api, "accounts page filtered by rep or tier", options.PageSeconds / 2,
            random => random.Next(2) == 0
                ? $"/api/v1/datasets/{dataset}/accounts?limit=100&repId=r{random.Next(1, reps + 1):000}"
                : $"/api/v1/datasets/{dataset}/accounts?limit=100&tier={"ABC"[random.Next(3)]}&offset={random.Next(200)}");
        var peer = await Drive(api, "peer in the same run: GET /health", options.PageSeconds / 2, _ => "/health");
        var detail = await Drive(api, "dataset detail (reps, counts, totals)", 3, _ => $"/api/v1/datasets/{dataset}");
        (await api.Delete($"/api/v1/datasets/{dataset}")).Dispose();

        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"### Reads on a {options.Accounts:N0}-account dataset ({book.Length / 1e6:0.0} MB of JSON, created in {uploadSeconds:0.0} s), {Connections} connections\n"));
        report.WriteLine(Latencies.Header);
        foreach (var (latencies, seconds) in new[] { pages, filtered, peer, detail }) report.WriteLine(latencies.Summary(seconds));
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nPages per second as a share of the /health peer's requests per second: {pages.Item1.Count / pages.Item2 / (peer.Item1.Count / peer.Item2):0.00}.\n"));
    }

    private static async Task<(Latencies, double)> Drive(ServiceApi api, string name, double seconds, Func<Random, string> path)
    {
        var latencies = new Latencies(name);
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async c =>
        {
            var random = new Random(c);
            while (Stopwatch.GetTimestamp() < until)
            {
                using var response = await latencies.TimeAsync(async () =>
                {
                    var r = await api.Get(path(random));
                    await r.Content.LoadIntoBufferAsync();
                    return r;
                });
            }
        }));
        return (latencies, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
