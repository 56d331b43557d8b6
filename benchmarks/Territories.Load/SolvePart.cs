using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Territories.Load;

/// <summary>
/// Six synchronous solves of <c>--solve-seconds</c> at once while twenty queued runs wait (one solving), readers and a
/// writer run, and /health is probed every 20 ms: /health's latency (and, as the peer, in the 10 s before, while only one
/// run solves), each solve's time or refusal, and what the runs did.
/// </summary>
public static class SolvePart
{
    public static async Task RunAsync(ServiceApi api, LoadOptions options, TextWriter report)
    {
        var seconds = options.SolveSeconds;
        var book = LoadBooks.Book(1500, 15, seconds);
        var dataset = await api.Create("/api/v1/datasets", book);
        var scenario = await api.Create("/api/v1/scenarios", LoadBooks.Scenario(dataset, "load", seconds, workers: 2));
        var runs = new List<string>();
        for (var i = 0; i < 20; i++) runs.Add(await api.Create($"/api/v1/scenarios/{scenario}/runs", ""));

        var baseline = new Latencies("GET /health (every 20 ms) in the 10 s before the synchronous solves (one run solving)");
        using (var before = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await Loop(before.Token, async () => { (await baseline.TimeAsync(() => api.Get("/health"))).Dispose(); await Task.Delay(20); });
        var health = new Latencies("GET /health (every 20 ms) while the solves run");
        var reads = new Latencies("GET dataset list and accounts pages (2 clients)");
        var writes = new Latencies("POST then DELETE a scenario (1 client)");
        using var stop = new CancellationTokenSource();
        var background = new List<Task>
        {
            Loop(stop.Token, async () => { (await health.TimeAsync(() => api.Get("/health"))).Dispose(); await Task.Delay(20); }),
            Loop(stop.Token, async () => (await reads.TimeAsync(() => api.Get("/api/v1/datasets"))).Dispose()),
            Loop(stop.Token, async () => (await reads.TimeAsync(() => api.Get($"/api/v1/datasets/{dataset}/accounts?limit=100&offset={Random.Shared.Next(1400)}"))).Dispose()),
            Loop(stop.Token, async () =>
            {
                using var created = await writes.TimeAsync(() => api.Post("/api/v1/scenarios", LoadBooks.Scenario(dataset, "write", 1, 1)));
                if (created.IsSuccessStatusCode)
                {
                    var id = System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
                    (await writes.TimeAsync(() => api.Delete($"/api/v1/scenarios/{id}"))).Dispose();
                }
            }),
        };
        await Task.Delay(1000);
        var started = Stopwatch.GetTimestamp();
        var solves = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var t = Stopwatch.GetTimestamp();
            using var response = await api.Post("/api/v1/plans/solve", book);
            await response.Content.ReadAsStringAsync();
            return (Status: response.StatusCode, Seconds: Stopwatch.GetElapsedTime(t).TotalSeconds,
                RetryAfter: response.Headers.RetryAfter?.Delta?.TotalSeconds, Problem: ServiceApi.IsProblem(response));
        }));
        var window = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(background);
        var runStates = new List<string>();
        foreach (var run in runs) (await api.Delete($"/api/v1/runs/{run}")).Dispose();
        var finished = await api.WaitForRunsAsync(runs, TimeSpan.FromSeconds(seconds + 60));

        report.WriteLine($"### Solves in parallel: 6 synchronous {seconds:0} s solves (1,500 accounts x 15 reps, 2 CP-SAT workers each), 20 queued runs of {seconds:0} s, readers and a writer\n");
        report.WriteLine(Latencies.Header);
        report.WriteLine(baseline.Summary(10));
        foreach (var l in new[] { health, reads, writes }) report.WriteLine(l.Summary(window));
        report.WriteLine();
        report.WriteLine("| synchronous solve | status | seconds | Retry-After | problem details |\n|---|---|---|---|---|");
        foreach (var (s, i) in solves.Select((s, i) => (s, i + 1)))
            report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {i} | {(int)s.Status} | {s.Seconds:0.00} | {s.RetryAfter?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {(s.Problem ? "yes" : "no")} |"));
        var accepted = solves.Where(s => s.Status == HttpStatusCode.OK).ToList();
        var refused = solves.Where(s => s.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var solvedRuns = finished.Where(r => r!["startedAt"] is not null && r["finishedAt"] is not null)
            .Select(r => (DateTimeOffset.Parse(r!["finishedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture) - DateTimeOffset.Parse(r["startedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)).TotalSeconds)
            .ToList();
        report.WriteLine();
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Solves: {accepted.Count} answered 200 (longest {accepted.Select(s => s.Seconds).DefaultIfEmpty().Max():0.00} s for a {seconds:0} s limit), {refused.Count} refused with 503 (slowest refusal {refused.Select(s => s.Seconds).DefaultIfEmpty().Max():0.000} s), {solves.Count(s => ServiceApi.Is500(s.Status))} answered 5xx other than 503. "));
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Runs: {solvedRuns.Count} of 20 started before the rest were cancelled, the longest took {solvedRuns.DefaultIfEmpty().Max():0.00} s from start to finish; states: {string.Join(", ", finished.GroupBy(r => r!["state"]!.GetValue<string>()).Select(g => $"{g.Key} {g.Count()}"))}. Window {window:0.0} s.\n"));
    }

    private static async Task Loop(CancellationToken stop, Func<Task> step)
    {
        while (!stop.IsCancellationRequested) await step();
    }
}
