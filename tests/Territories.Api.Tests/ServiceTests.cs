using System.Net;
using System.Text.Json;
using Territories.Domain.Contracts;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Storage;
using Territories.Tests.Shared;

namespace Territories.Api.Tests;

/// <summary>
/// The stored workflow over real HTTP, on each store (<see cref="SqliteServiceTests"/>, <see cref="PostgresServiceTests"/>):
/// dataset, scenario, run, progress, plan, compare, quotas; cancel; restart; CSV; concurrency; error shapes.
/// </summary>
public abstract partial class ServiceTests(TestStore store) : StoredServiceTests(store)
{
    protected async Task<(ServiceHost Host, ServiceClient Client)> StartAsync(params (string Key, string? Value)[] extra)
    {
        var host = await StartHostAsync(extra);
        return (host, new ServiceClient(host.CreateClient()));
    }

    protected static async Task<string> CreateDataset(ServiceClient client, string json)
    {
        var created = await client.Post("/api/v1/datasets", json);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Id;
    }

    protected static async Task<string> CreateScenario(ServiceClient client, string json)
    {
        var created = await client.Post("/api/v1/scenarios", json);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Id;
    }

    protected static async Task<string> Submit(ServiceClient client, string scenarioId, string? key = null)
    {
        var submitted = await client.Post($"/api/v1/scenarios/{scenarioId}/runs", idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
        Assert.Equal($"/api/v1/runs/{submitted.Id}", submitted.Location);
        return submitted.Id;
    }

    private static Plan PlanOf(JsonElement run) => run.GetProperty("plan").Deserialize<Plan>(ContractSerializer.Options)!;

    private static async Task<TerritoryProblem> ScenarioProblem(ServiceClient client, string scenarioId) =>
        TerritoryProblemReader.Read((await client.Get($"/api/v1/scenarios/{scenarioId}/problem")).Text);

    [Fact]
    public async Task Walkthrough_DatasetScenarioRunCompare_GivesPlansThatPassTheEvaluator()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var baseline = await CreateScenario(client, Books.Scenario(dataset, "baseline"));
        var leaver = await CreateScenario(client, Books.Scenario(dataset, "r002 replaced", changes: Books.ReplaceRep("r002", "r900")));

        var runs = new[] { await Submit(client, baseline), await Submit(client, leaver) };
        var finished = new List<JsonElement>();
        foreach (var run in runs) finished.Add(await client.WaitForState(run, "completed"));

        var plans = finished.Select(PlanOf).ToList();
        var problems = new[] { await ScenarioProblem(client, baseline), await ScenarioProblem(client, leaver) };
        for (var i = 0; i < 2; i++)
        {
            var evaluation = PlanEvaluator.Evaluate(problems[i], plans[i].Assignments);
            Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
            Assert.Equal(evaluation.Objective, plans[i].Objective);
        }
        Assert.DoesNotContain(plans[1].Assignments, a => a.RepId.Value == "r002");

        var comparison = await client.Get($"/api/v1/compare?runs={runs[0]},{runs[1]}");
        Assert.Equal(HttpStatusCode.OK, comparison.Status);
        var columns = comparison.Body.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(runs, columns.Select(c => c.GetProperty("runId").GetString()));
        Assert.Equal(plans[1].Kpis!.TotalTravelKm, columns[1].GetProperty("totalTravelKm").GetDouble(), 6);
        Assert.All(columns, c => Assert.Equal(1.0, c.GetProperty("coverage").GetDouble()));
        var repsInBaseline = plans[0].Assignments.ToDictionary(a => a.AccountId.Value, a => a.RepId.Value);
        var repsInLeaver = plans[1].Assignments.ToDictionary(a => a.AccountId.Value, a => a.RepId.Value);
        var expectedChanged = repsInBaseline.Keys.Where(a => repsInBaseline[a] != repsInLeaver[a]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedChanged.Count, comparison.Body.GetProperty("changedAccountCount").GetInt32());
        Assert.Equal(expectedChanged, comparison.Body.GetProperty("changedAccounts").EnumerateArray().Select(c => c.GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task Run_OfAnInfeasibleScenario_CompletesWithTheReasonInUserTerms()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var run = await Submit(client, await CreateScenario(client, Books.Scenario(dataset, "r002 leaves unreplaced", changes: """{ "repsRemoved": ["r002"] }""")));

        var plan = PlanOf(await client.WaitForState(run, "completed"));

        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        Assert.Contains(plan.Diagnostics, d => d.Message.Contains("hours", StringComparison.Ordinal) && d.RepIds is { Count: > 0 });
    }

    [Fact]
    public async Task Cancel_RunningRun_StopsTheSearchAndKeepsTheBestPlan()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Large());
        var run = await Submit(client, await CreateScenario(client, Books.Scenario(dataset, "long", timeLimitSeconds: 300)));
        await client.WaitForRun(run, r => r.GetProperty("progress").GetProperty("bestObjective").ValueKind == JsonValueKind.Number);

        var cancel = await client.Delete($"/api/v1/runs/{run}");
        Assert.Equal(HttpStatusCode.Accepted, cancel.Status);
        Assert.True(cancel.Body.GetProperty("cancelRequested").GetBoolean());

        var cancelled = await client.WaitForState(run, "cancelled");
        var plan = PlanOf(cancelled);
        Assert.Equal(1500, plan.Assignments.Count);
        Assert.True(plan.SolveSeconds < 300);
        Assert.Contains(plan.Status, new[] { PlanStatus.Feasible, PlanStatus.Optimal });
    }

    [Fact]
    public async Task Cancel_QueuedRun_EndsItAtOnceWithoutAPlan()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Large());
        var scenario = await CreateScenario(client, Books.Scenario(dataset, "long", timeLimitSeconds: 300));
        var running = await Submit(client, scenario);
        var queued = await Submit(client, scenario);
        await client.WaitForState(running, "running");

        var cancel = await client.Delete($"/api/v1/runs/{queued}");

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("cancelled", cancel.Body.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, cancel.Body.GetProperty("plan").ValueKind);
        Assert.Equal(HttpStatusCode.Accepted, (await client.Delete($"/api/v1/runs/{running}")).Status);
    }

    [Fact]
    public async Task Restart_KeepsDatasetsScenariosAndPlans_AndRunsWhatWasQueued()
    {
        var (firstHost, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var quick = await CreateScenario(client, Books.Scenario(dataset, "quick"));
        var done = await Submit(client, quick);
        var planBefore = (await client.WaitForState(done, "completed")).GetProperty("plan").GetRawText();
        var longRun = await Submit(client, await CreateScenario(client, Books.Scenario(dataset, "long", timeLimitSeconds: 300)));
        await client.WaitForState(longRun, "running");
        var waiting = await Submit(client, quick);
        Assert.Equal("queued", (await client.Get($"/api/v1/runs/{waiting}")).Body.GetProperty("state").GetString());

        await firstHost.DisposeAsync();
        var (_, restarted) = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await restarted.Get($"/api/v1/datasets/{dataset}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await restarted.Get($"/api/v1/scenarios/{quick}")).Status);
        Assert.Equal(planBefore, (await restarted.Get($"/api/v1/runs/{done}")).Body.GetProperty("plan").GetRawText());
        Assert.Contains((await restarted.Get($"/api/v1/runs/{longRun}")).Body.GetProperty("state").GetString(), new[] { "queued", "running" });
        await restarted.Delete($"/api/v1/runs/{longRun}");
        var completed = await restarted.WaitForState(waiting, "completed");
        Assert.Equal(1, completed.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Restart_RunInterruptedMidSolve_IsResumedAndCompleted()
    {
        var store = await StoreAsync();
        var (interrupted, _) = await store.Runs.SubmitAsync("scenario-of-a-killed-service", SmallProblemWithShortLimit(), null);
        await store.Runs.ClaimNextAsync("killed-instance", TimeSpan.FromSeconds(1));

        var (_, client) = await StartAsync();
        var run = await client.WaitForState(interrupted.Id, "completed");

        Assert.Equal(2, run.GetProperty("attempts").GetInt32());
        Assert.NotEqual("killed-instance", run.GetProperty("solvedBy").GetString());
        Assert.Equal(120, PlanOf(run).Assignments.Count);
    }

    private static string SmallProblemWithShortLimit()
    {
        var problem = TerritoryProblemReader.Read(Books.Small());
        return TerritoryProblemWriter.Write(problem.WithOptions(problem.Options with { TimeLimitSeconds = 1, Workers = 1 }));
    }

    [Fact]
    public async Task Events_StreamProgressThenOneFinishedEvent()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var run = await Submit(client, await CreateScenario(client, Books.Scenario(dataset, "watched", timeLimitSeconds: 2)));

        using var response = await client.Http.GetAsync($"/api/v1/runs/{run}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();

        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim().Split('\n')).ToList();
        Assert.True(events.Count >= 2, text);
        Assert.All(events.SkipLast(1), e => Assert.Equal("event: progress", e[0]));
        Assert.Equal("event: finished", events[^1][0]);
        var last = JsonDocument.Parse(events[^1][1]["data: ".Length..]).RootElement;
        Assert.Equal("completed", last.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Number, last.GetProperty("progress").GetProperty("bestObjective").ValueKind);
    }

    [Fact]
    public async Task Submit_WithTheSameIdempotencyKey_AnswersTheSameRun()
    {
        var (_, client) = await StartAsync();
        var scenario = await CreateScenario(client, Books.Scenario(await CreateDataset(client, Books.Small()), "retried"));

        var first = await Submit(client, scenario, key: "order-42");
        var retried = await Submit(client, scenario, key: "order-42");
        var other = await Submit(client, scenario, key: "order-43");

        Assert.Equal(first, retried);
        Assert.NotEqual(first, other);
        Assert.Equal(2, (await client.Get($"/api/v1/scenarios/{scenario}/runs")).Body.GetArrayLength());
    }

    [Fact]
    public async Task UpdateScenario_WithAStaleIfMatch_Is412AndKeepsTheOtherPlannersChange()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var created = await client.Post("/api/v1/scenarios", Books.Scenario(dataset, "v1"));
        Assert.Equal("\"1\"", created.ETag);

        var planner1 = await client.Put($"/api/v1/scenarios/{created.Id}", Books.Scenario(dataset, "planner 1"), ifMatch: created.ETag);
        var planner2 = await client.Put($"/api/v1/scenarios/{created.Id}", Books.Scenario(dataset, "planner 2"), ifMatch: created.ETag);

        Assert.Equal((HttpStatusCode.OK, "\"2\""), (planner1.Status, planner1.ETag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, planner2.Status);
        Assert.Equal("application/problem+json", planner2.ContentType);
        Assert.Equal(2, planner2.Body.GetProperty("currentVersion").GetInt32());
        Assert.Equal("planner 1", (await client.Get($"/api/v1/scenarios/{created.Id}")).Body.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.Delete($"/api/v1/scenarios/{created.Id}", ifMatch: "\"1\"")).Status);
    }

    [Fact]
    public async Task CloneScenario_CopiesItUnderANewIdAndName()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var original = await CreateScenario(client, Books.Scenario(dataset, "north", changes: """{ "repsRemoved": ["r005"] }""", goal: 5000000));

        var copy = await client.Post($"/api/v1/scenarios/{original}/clone?name=north%20b");

        Assert.Equal(HttpStatusCode.Created, copy.Status);
        Assert.NotEqual(original, copy.Id);
        Assert.Equal(("north b", 5000000m), (copy.Body.GetProperty("name").GetString(), copy.Body.GetProperty("goal").GetDecimal()));
        Assert.Equal("r005", copy.Body.GetProperty("changes").GetProperty("repsRemoved")[0].GetString());
    }

    [Fact]
    public async Task RunQuotas_FromAFinishedPlan_SplitTheScenarioGoalOverThePlansReps()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var run = await Submit(client, await CreateScenario(client, Books.Scenario(dataset, "with goal", goal: 6000000)));
        var plan = PlanOf(await client.WaitForState(run, "completed"));

        var quotas = await client.Post($"/api/v1/runs/{run}/quotas",
            """{ "year": { "start": "2027-01-01", "calendar": "4-4-5" }, "rounding": 100, "reps": [ { "id": "r001", "startDate": "2027-05-03" } ] }""");

        Assert.Equal(HttpStatusCode.OK, quotas.Status);
        Assert.Equal(6000000m, quotas.Body.GetProperty("goal").GetDecimal());
        var reps = quotas.Body.GetProperty("reps").EnumerateArray().ToList();
        Assert.Equal(plan.Reps.Select(r => r.RepId.Value).Order(), reps.Select(r => r.GetProperty("repId").GetString()).Order());
        Assert.Equal(quotas.Body.GetProperty("total").GetDecimal(), reps.Sum(r => r.GetProperty("annual").GetDecimal()));
        var hire = reps.Single(r => r.GetProperty("repId").GetString() == "r001");
        Assert.Equal(0m, hire.GetProperty("quarters")[0].GetProperty("amount").GetDecimal());

        var invalid = await client.Post($"/api/v1/runs/{run}/quotas", """{ "year": { "start": "2027-01-01" }, "reps": [ { "id": "r001", "potential": 5 } ] }""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("reps[0].potential", invalid.ErrorPaths);
    }

    [Fact]
    public async Task CsvUpload_ValidFiles_CreateTheDataset_AndExportsReadBackTheSame()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var repsCsv = (await client.Get($"/api/v1/datasets/{dataset}/reps.csv")).Text;
        var accountsCsv = (await client.Get($"/api/v1/datasets/{dataset}/accounts.csv")).Text;

        var uploaded = await UploadCsv(client, repsCsv, accountsCsv, (await client.Get($"/api/v1/datasets/{dataset}/org.csv")).Text);

        Assert.Equal(HttpStatusCode.Created, uploaded.Status);
        Assert.Equal((5, 120), (uploaded.Body.GetProperty("reps").GetInt32(), uploaded.Body.GetProperty("accounts").GetInt32()));
        var original = TerritoryProblemReader.Read((await client.Get($"/api/v1/datasets/{dataset}/export")).Text);
        var roundTrip = TerritoryProblemReader.Read((await client.Get($"/api/v1/datasets/{uploaded.Id}/export")).Text);
        Assert.Equal(original.Accounts, roundTrip.Accounts, AccountComparer.Instance);
        Assert.Equal(original.Reps.Select(r => (r.Id, r.Capacity, r.Home)), roundTrip.Reps.Select(r => (r.Id, r.Capacity, r.Home)));
    }

    [Fact]
    public async Task CsvUpload_BadCells_AreReportedByFileRowAndColumn()
    {
        var (_, client) = await StartAsync();
        const string reps = "id,capacity,skills,lat,lon\nr1,1600,enterprise,40.7,-74\nr2,lots,,41,-73\n";
        const string accounts = "id,workload,requiredSkills,currentRepId,colour\na1,10,enterprise,r1,red\n";
        const string accountsOk = "id,workload,requiredSkills,currentRepId\na1,10,enterprise,r1\na2,-5,,r9\n";

        var unknownColumn = await UploadCsv(client, reps, accounts);
        var badCells = await UploadCsv(client, reps, accountsOk);

        Assert.Equal(HttpStatusCode.BadRequest, unknownColumn.Status);
        Assert.Contains("accounts.csv[row 1]", unknownColumn.ErrorPaths);
        Assert.Equal(HttpStatusCode.BadRequest, badCells.Status);
        Assert.Contains("reps.csv[row 3].capacity", badCells.ErrorPaths);
        var fixedReps = await UploadCsv(client, reps.Replace("lots", "1500", StringComparison.Ordinal), accountsOk);
        Assert.Contains("accounts.csv[row 3].workload", fixedReps.ErrorPaths);
        Assert.Empty((await client.Get("/api/v1/datasets")).Body.EnumerateArray());
    }

    protected static async Task<Reply> UploadCsv(ServiceClient client, string reps, string accounts, string? org = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("uploaded"), "name" },
            { new StringContent(reps), "reps", "reps.csv" },
            { new StringContent(accounts), "accounts", "accounts.csv" },
        };
        if (org is not null) form.Add(new StringContent(org), "org", "org.csv");
        return await client.Send(new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets/csv") { Content = form });
    }

    [Fact]
    public async Task Accounts_ArePagedAndFilteredBySegmentTierAndRep()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var all = TerritoryProblemReader.Read(Books.Small()).Accounts;
        var expected = all.Where(a => a.Tier == "B" && a.CurrentRepId?.Value == "r003").Select(a => a.Id.Value).ToList();

        var page = await client.Get($"/api/v1/datasets/{dataset}/accounts?tier=B&repId=r003&limit=2&offset=1");
        var bad = await client.Get($"/api/v1/datasets/{dataset}/accounts?limit=0");

        Assert.Equal(expected.Count, page.Body.GetProperty("total").GetInt32());
        Assert.Equal(expected.Skip(1).Take(2), page.Body.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("limit", bad.ErrorPaths);
    }

    [Fact]
    public async Task BadInput_IsAnsweredWithProblemDetails_AndStoredDataIsKept()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var scenario = await CreateScenario(client, Books.Scenario(dataset, "kept"));

        var invalidDataset = await client.Post("/api/v1/datasets", """{ "reps": [ { "id": "r1", "capacity": -3 } ], "accounts": [] }""");
        var invalidReplace = await client.Put($"/api/v1/datasets/{dataset}", """{ "reps": [], "accounts": [] }""");
        var unknownRep = await client.Post("/api/v1/scenarios", Books.Scenario(dataset, "typo", changes: """{ "repsRemoved": ["r999"], "accountsLocked": [ { "accountId": "a00001", "repId": "nobody" } ] }"""));
        var missingDataset = await client.Post("/api/v1/scenarios", Books.Scenario("no-such-dataset", "lost"));
        var inUse = await client.Delete($"/api/v1/datasets/{dataset}");
        var noRun = await client.Get("/api/v1/runs/nope");
        var compareOne = await client.Get("/api/v1/compare?runs=a");

        Assert.Equal(HttpStatusCode.BadRequest, invalidDataset.Status);
        Assert.Contains("reps[0].capacity", invalidDataset.ErrorPaths);
        Assert.Equal(HttpStatusCode.BadRequest, invalidReplace.Status);
        Assert.Equal(["changes.accountsLocked[0].repId", "changes.repsRemoved[0]"], unknownRep.ErrorPaths.Order());
        Assert.Contains("datasetId", missingDataset.ErrorPaths);
        Assert.Equal(HttpStatusCode.Conflict, inUse.Status);
        Assert.Equal(scenario, inUse.Body.GetProperty("scenarioIds")[0].GetString());
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (noRun.Status, noRun.ContentType));
        Assert.Contains("runs", compareOne.ErrorPaths);
        Assert.All(new[] { invalidDataset, invalidReplace, unknownRep, inUse, noRun }, r => Assert.DoesNotContain("   at ", r.Text));
        var kept = await client.Get($"/api/v1/datasets/{dataset}");
        Assert.Equal((1, 120), (kept.Body.GetProperty("summary").GetProperty("version").GetInt32(), kept.Body.GetProperty("summary").GetProperty("accounts").GetInt32()));
    }

    [Fact]
    public async Task Units_FromGeoJson_GiveNeighbours_AContiguousRun_AndItsMap()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.GridBook());

        var missing = await client.Put($"/api/v1/datasets/{dataset}/units", Books.GridUnits().Replace("\"s22\"", "\"x22\"", StringComparison.Ordinal));
        var units = await client.Put($"/api/v1/datasets/{dataset}/units", Books.GridUnits());

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("features", missing.ErrorPaths);
        Assert.Equal((HttpStatusCode.OK, 9), (units.Status, units.Body.GetProperty("units").GetInt32()));
        var scenario = await CreateScenario(client, $$"""
            { "name": "columns", "datasetId": "{{dataset}}",
              "options": { "weights": { "travel": 1 }, "balance": { "metric": "workload", "tolerance": 0 }, "contiguity": true, "timeLimitSeconds": 60, "workers": 1 } }
            """);
        var run = await Submit(client, scenario);
        var plan = PlanOf(await client.WaitForState(run, "completed"));

        var problem = await ScenarioProblem(client, scenario);
        Assert.True(PlanEvaluator.Evaluate(problem, plan.Assignments).IsFeasible);
        Assert.Equal(2 * 12, problem.Units.Sum(u => u.Neighbors.Count));
        var svg = (await client.Get($"/api/v1/runs/{run}/map.svg")).Text;
        Assert.Equal(9, System.Text.RegularExpressions.Regex.Count(svg, "<path class=\"unit\""));
        var geojson = await client.Get($"/api/v1/runs/{run}/plan.geojson");
        Assert.Equal("application/geo+json", geojson.ContentType);
        Assert.Equal(3, JsonDocument.Parse(geojson.Text).RootElement.GetProperty("features").EnumerateArray()
            .Count(f => f.GetProperty("properties").GetProperty("kind").GetString() == "territory"));
    }

    [Fact]
    public async Task Health_SaysTheStoreIsUp()
    {
        var (_, client) = await StartAsync();
        var health = await client.Get("/health");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("up", health.Body.GetProperty("storeStatus").GetString());
    }

    /// <summary>Accounts equal field by field (their skill sets compared by content).</summary>
    private sealed class AccountComparer : IEqualityComparer<Account>
    {
        public static readonly AccountComparer Instance = new();

        public bool Equals(Account? x, Account? y) =>
            x is not null && y is not null && x with { RequiredSkills = y.RequiredSkills } == y && x.RequiredSkills.SetEquals(y.RequiredSkills);

        public int GetHashCode(Account a) => a.Id.GetHashCode();
    }
}

public sealed class SqliteServiceTests() : ServiceTests(new SqliteTestStore())
{
    [Fact]
    public async Task FirstStart_LoadsTheBundledSampleDataset()
    {
        var (_, client) = await StartAsync(("Territories:SampleDatasetPath", Path.Combine(AppContext.BaseDirectory, "sample", "book.json")));
        var sample = await client.Get("/api/v1/datasets/sample");
        Assert.Equal(HttpStatusCode.OK, sample.Status);
        Assert.Equal((1200, 254), (sample.Body.GetProperty("summary").GetProperty("accounts").GetInt32(), sample.Body.GetProperty("summary").GetProperty("units").GetInt32()));
        var shapes = await client.Get("/api/v1/datasets/sample/units");
        Assert.Equal(254, JsonDocument.Parse(shapes.Text).RootElement.GetProperty("features").GetArrayLength());
    }
}

public sealed class PostgresServiceTests(PostgresServer server) : ServiceTests(new PostgresTestStore(server))
{
    [Fact]
    public async Task TwoInstancesOnOneDatabase_SolveEveryRunExactlyOnce()
    {
        var (_, a) = await StartAsync(("Territories:InstanceId", "instance-a"));
        var (_, b) = await StartAsync(("Territories:InstanceId", "instance-b"));
        await b.Get("/health");
        var scenario = await CreateScenario(a, Books.Scenario(await CreateDataset(a, Books.Small()), "shared", timeLimitSeconds: 1));

        var runs = new List<string>();
        for (var i = 0; i < 8; i++) runs.Add(await Submit(i % 2 == 0 ? a : b, scenario));
        var finished = new List<JsonElement>();
        foreach (var run in runs) finished.Add(await a.WaitForState(run, "completed"));

        Assert.All(finished, run => Assert.Equal(1, run.GetProperty("attempts").GetInt32()));
        Assert.Equal(["instance-a", "instance-b"], finished.Select(r => r.GetProperty("solvedBy").GetString()).Distinct().Order());
    }
}
