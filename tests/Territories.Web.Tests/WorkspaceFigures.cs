using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Territories.Web.Tests;

/// <summary>
/// The README's speed figures, measured in the browser (explicit: not part of the suite, and asserting nothing about
/// time): the Texas sample's run page until map and figures are drawn, a manual move re-evaluated and redrawn, and
/// panning the 3,231-county US layer. Run with
/// <c>dotnet test --project tests/Territories.Web.Tests -c Release -- --filter-class "*WorkspaceFigures" --explicit only</c>;
/// the figures go to the test output and to figures.txt beside the screenshots.
/// </summary>
public sealed class WorkspaceFigures(BrowserHost host) : IClassFixture<BrowserHost>
{
    private readonly StringBuilder _report = new();

    [Fact(Explicit = true)]
    public async Task Measure()
    {
        var runs = new SampleRuns(host.Admin);
        var texas = await runs.CompletedAsync(SampleRuns.Today);
        var page = await host.SignedInAsync("planner");

        var opens = new List<double>();
        var drawn = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync("about:blank");
            await page.GotoAsync($"/#/runs/{texas}");
            await Expect(page.Locator("main [data-ready]")).ToBeAttachedAsync(new() { Timeout = 120_000 });
            opens.Add(await page.EvaluateAsync<double>("performance.now()"));
            drawn.Add(await page.EvaluateAsync<double>("performance.getEntriesByName('run page: drawn')[0].startTime"));
        }
        Report("Texas sample run page, navigation to map and figures drawn, as the test sees it (ms)", opens);
        Report("Texas sample run page, navigation to map and figures drawn, the page's own mark (ms)", drawn);
        var requests = await page.EvaluateAsync<JsonElement>("() => performance.getEntriesByType('resource').map(r => `${r.name.replace(location.origin, '')} ${Math.round(r.startTime)}-${Math.round(r.responseEnd)} ms ${Math.round(r.decodedBodySize / 1024)} KB`)");
        var marks = await page.EvaluateAsync<JsonElement>("() => performance.getEntriesByType('mark').map(m => `${m.name} at ${Math.round(m.startTime)} ms`)");
        _report.AppendLine(CultureInfo.InvariantCulture, $"  the last opening (since navigation): {string.Join("; ", requests.EnumerateArray().Concat(marks.EnumerateArray()).Select(r => r.GetString()))}");

        var inApp = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync("/#/runs");
            await Expect(page.Locator("table.runs")).ToBeVisibleAsync();
            inApp.Add(await page.EvaluateAsync<double>("""
                id => new Promise(resolve => {
                  performance.clearMarks("run page: drawn");
                  const started = performance.now();
                  new PerformanceObserver((list, observer) => {
                    const drawn = list.getEntriesByName("run page: drawn")[0];
                    if (drawn) { observer.disconnect(); resolve(drawn.startTime - started); }
                  }).observe({ type: "mark" });
                  location.hash = `#/runs/${id}`;
                })
                """, texas));
        }
        Report("Texas sample run page opened from the runs list (in the workspace) to map and figures drawn (ms)", inApp);
        await Expect(page.Locator("main [data-ready]")).ToBeAttachedAsync(new() { Timeout = 120_000 });

        var moves = new List<double>();
        foreach (var (unit, rep) in new[] { ("48201", "r012"), ("48113", "r011"), ("48029", "r010"), ("48453", "r009"), ("48439", "r008"), ("48085", "r007") })
        {
            await page.GetByLabel("Pick a unit (county id) or an account id").FillAsync(unit);
            await page.GetByRole(AriaRole.Button, new() { Name = "Pick", Exact = true }).ClickAsync();
            await page.GetByLabel("Give to rep").SelectOptionAsync(rep);
            var before = await page.Locator(".status").GetAttributeAsync("data-ms");
            await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
            await Expect(page.Locator(".status")).ToHaveAttributeAsync("data-ms", new System.Text.RegularExpressions.Regex("."));
            await page.WaitForFunctionAsync("b => document.querySelector('.status').dataset.ms !== b", before);
            moves.Add(double.Parse((await page.Locator(".status").GetAttributeAsync("data-ms"))!, CultureInfo.InvariantCulture));
        }
        Report("Manual move on the 1,200-account sample, analyze + redraw (ms)", moves);

        var us = await UsRunAsync();
        await page.GotoAsync("about:blank");
        await page.GotoAsync($"/#/runs/{us}");
        await Expect(page.Locator("main [data-ready]")).ToBeAttachedAsync(new() { Timeout = 240_000 });
        Report("US run page (3,231 counties), navigation to map and figures drawn (ms)", [await page.EvaluateAsync<double>("performance.now()")]);
        var frames = new List<double>();
        for (var i = 0; i < 3; i++) frames.AddRange(await PanAsync(page));
        Report("US layer, frame intervals while dragging the map (ms)", frames);

        TestContext.Current.SendDiagnosticMessage(_report.ToString());
        Directory.CreateDirectory(BrowserHost.ScreenshotFolder);
        await File.WriteAllTextAsync(Path.Combine(BrowserHost.ScreenshotFolder, "figures.txt"), _report.ToString());
    }

    private void Report(string what, List<double> values)
    {
        var sorted = values.Order().ToList();
        _report.AppendLine(CultureInfo.InvariantCulture, $"{what}: n={sorted.Count} median={sorted[sorted.Count / 2]:F0} worst={sorted[^1]:F0} all=[{string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}]");
    }

    /// <summary>Drags the map 300 px in 30 steps and answers the intervals between the frames drawn meanwhile.</summary>
    private static async Task<List<double>> PanAsync(IPage page)
    {
        var box = (await page.Locator(".map").BoundingBoxAsync())!;
        await page.EvaluateAsync("() => { window.__frames = []; if (window.__ticking) return; window.__ticking = true; const tick = t => { window.__frames.push(t); requestAnimationFrame(tick); }; requestAnimationFrame(tick); }");
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync((float)x, (float)y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(x + 300), (float)(y + 100), new() { Steps = 30 });
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(500);
        var times = await page.EvaluateAsync<double[]>("() => window.__frames");
        return times.Zip(times.Skip(1), (a, b) => b - a).ToList();
    }

    /// <summary>A book with one account in each of the 3,231 US counties and 50 reps, with the county shapes, solved once.</summary>
    private async Task<string> UsRunAsync()
    {
        var atlas = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sample", "us-counties.geojson")));
        var counties = atlas.RootElement.GetProperty("features").EnumerateArray().Select(f => (
            Id: f.GetProperty("id").GetString()!, Lat: f.GetProperty("properties").GetProperty("lat").GetDouble(), Lon: f.GetProperty("properties").GetProperty("lon").GetDouble())).ToList();
        var reps = Enumerable.Range(0, 50).Select(i => new { id = $"u{i:00}", capacity = 2000, home = new { lat = counties[i * 64].Lat, lon = counties[i * 64].Lon } });
        var accounts = counties.Select(c => new { id = $"c{c.Id}", workload = 25, unitId = c.Id, location = new { lat = c.Lat, lon = c.Lon } });
        var dataset = await (await host.Admin.PostAsJsonAsync("/api/v1/datasets", new { name = "us counties", reps, accounts })).Content.ReadFromJsonAsync<JsonElement>();
        var id = dataset.GetProperty("id").GetString();
        var shapes = await host.Admin.PutAsync($"/api/v1/datasets/{id}/units", new StringContent(atlas.RootElement.GetRawText(), Encoding.UTF8, "application/geo+json"));
        shapes.EnsureSuccessStatusCode();
        var scenario = await (await host.Admin.PostAsJsonAsync("/api/v1/scenarios", new { name = "us", datasetId = id, options = new { timeLimitSeconds = 5, workers = 1 } })).Content.ReadFromJsonAsync<JsonElement>();
        var run = await (await host.Admin.PostAsync($"/api/v1/scenarios/{scenario.GetProperty("id").GetString()}/runs", null)).Content.ReadFromJsonAsync<JsonElement>();
        var runId = run.GetProperty("id").GetString()!;
        await SampleRuns.UntilFinishedAsync(host.Admin, runId);
        return runId;
    }
}
