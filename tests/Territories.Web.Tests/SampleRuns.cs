using System.Net.Http.Json;
using System.Text.Json;

namespace Territories.Web.Tests;

/// <summary>
/// Runs of the bundled Texas sample made through the API (as a script would), shared by the tests that look at
/// finished plans: a short time limit and one worker; the tests poll with a generous deadline, never time anything.
/// </summary>
public sealed class SampleRuns(HttpClient admin)
{
    private readonly Dictionary<string, string> _runs = [];

    public const string Today = "today";
    public const string R003Leaves = "r003 leaves";

    public async Task<string> CompletedAsync(string scenario)
    {
        if (_runs.TryGetValue(scenario, out var known)) return known;
        var changes = scenario == R003Leaves ? """{ "repsRemoved": ["r003"] }""" : "{}";
        var created = await Read(await admin.PostAsync("/api/v1/scenarios", Json($$"""
            { "name": "{{scenario}}", "datasetId": "sample", "changes": {{changes}}, "goal": 12000000,
              "options": { "weights": { "balance": 1, "travel": 1, "disruption": 1 }, "balance": { "metric": "workload", "tolerance": 0.1 },
                           "timeLimitSeconds": 3, "workers": 1, "candidateReps": 8 } }
            """)));
        var run = await Read(await admin.PostAsync($"/api/v1/scenarios/{created.GetProperty("id").GetString()}/runs", null));
        var id = run.GetProperty("id").GetString()!;
        await UntilFinishedAsync(admin, id);
        return _runs[scenario] = id;
    }

    public static async Task UntilFinishedAsync(HttpClient client, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (DateTime.UtcNow < deadline)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}");
            var state = run.GetProperty("state").GetString();
            if (state == "completed") return;
            Assert.True(state is "queued" or "running", $"run {runId} ended {state}: {run}");
            await Task.Delay(250);
        }
        Assert.Fail($"run {runId} did not finish within 240 s");
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
