using System.Diagnostics;
using System.Globalization;

namespace Territories.Load;

/// <summary>
/// Resident memory: four bodies of <c>--body-mb</c> MB (valid datasets) posted at once, sampled every 200 ms until 30 s
/// after the last answer; and the process after <c>--runs</c> finished runs and 30 s idle.
/// </summary>
public static class MemoryPart
{
    public static async Task BodiesAsync(ServiceApi api, ServiceProcess service, LoadOptions options, TextWriter report)
    {
        var body = LoadBooks.OfSize(options.BodyMegabytes);
        await Task.Delay(3000);
        var before = service.ResidentMegabytes();
        var samples = new List<(double Seconds, double Mb)>();
        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                lock (samples) samples.Add((Stopwatch.GetElapsedTime(started).TotalSeconds, service.ResidentMegabytes()));
                await Task.Delay(200);
            }
        });
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await api.Post("/api/v1/datasets", body);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text);
        }));
        var done = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.Delay(30_000);
        await stop.CancelAsync();
        await sampling;
        foreach (var (status, text) in answers.Where(a => a.Item1 == 201))
            (await api.Delete($"/api/v1/datasets/{System.Text.Json.Nodes.JsonNode.Parse(text)!["id"]!.GetValue<string>()}")).Dispose();

        double At(double seconds) => samples.Where(s => s.Seconds <= seconds).Select(s => s.Mb).DefaultIfEmpty(before).Last();
        var peak = samples.Max(s => s.Mb);
        report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### Four {body.Length / 1e6:0.0} MB dataset bodies at once\n"));
        report.WriteLine("| before MB | peak MB | rise MB | answers | all answered after s | MB at answer +10 s | +20 s | +30 s |\n|---|---|---|---|---|---|---|---|");
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {before:0} | {peak:0} | {peak - before:0} | {string.Join(" ", answers.Select(a => a.Item1))} | {done:0.0} | {At(done + 10):0} | {At(done + 20):0} | {At(done + 30):0} |\n"));
    }

    public static async Task IdleAsync(ServiceApi api, ServiceProcess service, LoadOptions options, TextWriter report)
    {
        var dataset = await api.Create("/api/v1/datasets", LoadBooks.Book(1200, 12, 1));
        var scenario = await api.Create("/api/v1/scenarios", LoadBooks.Scenario(dataset, "idle", 1, 1));
        var runs = new List<string>();
        for (var i = 0; i < options.Runs; i++) runs.Add(await api.Create($"/api/v1/scenarios/{scenario}/runs", ""));
        var started = Stopwatch.GetTimestamp();
        var finished = await api.WaitForRunsAsync(runs, TimeSpan.FromSeconds(options.Runs * 10 + 60));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var afterRuns = service.ResidentMegabytes();
        await Task.Delay(30_000);
        report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### Idle after {options.Runs} runs (1,200 accounts x 12 reps, 1 s each)\n"));
        report.WriteLine("| runs completed | took s | MB when the last finished | MB after 30 s idle |\n|---|---|---|---|");
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {finished.Count(r => r!["state"]!.GetValue<string>() == "completed")} | {seconds:0} | {afterRuns:0} | {service.ResidentMegabytes():0} |\n"));
    }
}
