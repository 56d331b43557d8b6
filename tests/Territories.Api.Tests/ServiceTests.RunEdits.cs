using System.Net;
using System.Text.Json;
using Territories.Api.Access;
using Territories.Domain.Contracts;

namespace Territories.Api.Tests;

/// <summary>Rebalancing a run's plan by hand over HTTP: evaluate moves against the run's problem, record the edit as a run, propose it.</summary>
public abstract partial class ServiceTests
{
    /// <summary>Two regions with one rep each and four accounts; a4 is locked to e1; a balance band wide enough for any split.</summary>
    private const string HandEditBook = """
        { "name": "hand edits",
          "orgUnits": [ { "id": "west", "name": "West" }, { "id": "east", "name": "East" } ],
          "reps": [ { "id": "w1", "capacity": 100, "orgUnitId": "west" }, { "id": "e1", "capacity": 100, "orgUnitId": "east" } ],
          "accounts": [
            { "id": "a1", "workload": 10, "currentRepId": "w1" }, { "id": "a2", "workload": 10, "currentRepId": "w1" },
            { "id": "a3", "workload": 10, "currentRepId": "e1" }, { "id": "a4", "workload": 10, "currentRepId": "e1", "lockedRepId": "e1" } ] }
        """;

    private async Task<(People People, ServiceClient Planner, string Run)> HandEditRunAsync()
    {
        var host = await StartHostAsync();
        var people = new People(host);
        var planner = people.As((await people.Create("editing-planner", Roles.Planner)).Key);
        var dataset = await CreateDataset(planner, HandEditBook);
        var scenario = await CreateScenario(planner, $$"""
            { "name": "by hand", "datasetId": "{{dataset}}", "changes": {},
              "options": { "workers": 1, "timeLimitSeconds": 5, "balance": { "metric": "workload", "tolerance": 1 } } }
            """);
        var run = await Submit(planner, scenario);
        await planner.WaitForState(run, "completed");
        return (people, planner, run);
    }

    [Fact]
    public async Task RunAnalyze_EvaluatesMovesAgainstTheRunsProblem_AsPlansAnalyzeDoesWithTheWholeProblem()
    {
        var (_, planner, run) = await HandEditRunAsync();
        var problem = await planner.Get($"/api/v1/runs/{run}/problem");
        var plan = PlanOf(await planner.WaitForState(run, "completed"));
        var edited = plan.Assignments.Select(a => a.AccountId.Value == "a1" ? $$"""{ "accountId": "a1", "repId": "{{(a.RepId.Value == "w1" ? "e1" : "w1")}}" }"""
            : $$"""{ "accountId": "{{a.AccountId}}", "repId": "{{a.RepId}}" }""");
        var target = plan.Assignments.Single(a => a.AccountId.Value == "a1").RepId.Value == "w1" ? "e1" : "w1";

        var byMoves = await planner.Post($"/api/v1/runs/{run}/analyze", $$"""{ "moves": [ { "accountId": "a1", "repId": "{{target}}" } ] }""");
        var whole = await planner.Post("/api/v1/plans/analyze", $$"""{ "problem": {{problem.Text}}, "assignments": [ {{string.Join(", ", edited)}} ] }""");
        var unknown = await planner.Post($"/api/v1/runs/{run}/analyze", """{ "moves": [ { "accountId": "a9", "repId": "e1" }, { "accountId": "a2", "repId": "x1" } ] }""");
        var twice = await planner.Post($"/api/v1/runs/{run}/analyze", """{ "moves": [ { "accountId": "a2", "repId": "e1" }, { "accountId": "a2", "repId": "w1" } ] }""");
        var missing = await planner.Post("/api/v1/runs/no-such-run/analyze", """{ "moves": [] }""");

        Assert.Equal(HttpStatusCode.OK, problem.Status);
        Assert.Equal(["a1", "a2", "a3", "a4"], TerritoryProblemReader.Read(problem.Text).Accounts.Select(a => a.Id.Value));
        Assert.Equal(HttpStatusCode.OK, byMoves.Status);
        Assert.Equal(whole.Body.GetProperty("objective").GetDecimal(), byMoves.Body.GetProperty("objective").GetDecimal());
        Assert.Equal(whole.Body.GetProperty("kpis").GetRawText(), byMoves.Body.GetProperty("kpis").GetRawText());
        Assert.Equal(whole.Body.GetProperty("reps").GetRawText(), byMoves.Body.GetProperty("reps").GetRawText());
        Assert.True(byMoves.Body.GetProperty("feasible").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal(["moves[0].accountId", "moves[1].repId"], unknown.ErrorPaths.Order());
        Assert.Equal(["moves[1].accountId"], twice.ErrorPaths);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task RunEdit_IsRecordedAsACompletedManualRunOfTheScenario_ThatCanBeProposed_AndABrokenRuleIsRefused()
    {
        var (people, planner, run) = await HandEditRunAsync();
        var plan = PlanOf(await planner.WaitForState(run, "completed"));
        var from = plan.Assignments.Single(a => a.AccountId.Value == "a1").RepId.Value;
        var to = from == "w1" ? "e1" : "w1";

        var locked = await planner.Post($"/api/v1/runs/{run}/edits", """{ "moves": [ { "accountId": "a4", "repId": "w1" } ] }""");
        var empty = await planner.Post($"/api/v1/runs/{run}/edits", """{ "moves": [] }""");
        var recorded = await planner.Post($"/api/v1/runs/{run}/edits", $$"""{ "moves": [ { "accountId": "a1", "repId": "{{to}}" } ] }""");
        var viewer = people.As((await people.Create("edit-viewer", Roles.Viewer)).Key);
        var refused = await viewer.Post($"/api/v1/runs/{run}/edits", $$"""{ "moves": [ { "accountId": "a1", "repId": "{{to}}" } ] }""");

        Assert.Equal(HttpStatusCode.Conflict, locked.Status);
        Assert.Contains("lock", locked.Body.GetProperty("detail").GetString());
        Assert.Contains(locked.Body.GetProperty("violations").EnumerateArray(), v => v.GetProperty("rule").GetString() == "lock");
        Assert.Equal(["moves"], empty.ErrorPaths);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(HttpStatusCode.Created, recorded.Status);
        var id = recorded.Id;
        Assert.NotEqual(run, id);
        var stored = await planner.Get($"/api/v1/runs/{id}");
        Assert.Equal("completed", stored.Body.GetProperty("state").GetString());
        var manual = PlanOf(stored.Body);
        Assert.Equal("feasible", stored.Body.GetProperty("plan").GetProperty("status").GetString());
        Assert.Equal("manual", manual.Solver.Engine);
        Assert.Equal((run, "editing-planner"), (manual.Edit!.BaseRunId, manual.Edit.EditedBy));
        Assert.Equal(("a1", to), (manual.Edit.Moves.Single().AccountId.Value, manual.Edit.Moves.Single().RepId.Value));
        Assert.Equal(to, manual.Assignments.Single(a => a.AccountId.Value == "a1").RepId.Value);
        Assert.Equal(plan.Assignments.Where(a => a.AccountId.Value != "a1"), manual.Assignments.Where(a => a.AccountId.Value != "a1"));
        Assert.Equal(stored.Body.GetProperty("scenarioId").GetString(), (await planner.Get($"/api/v1/runs/{run}")).Body.GetProperty("scenarioId").GetString());
        Assert.Equal((await planner.Get($"/api/v1/runs/{run}/problem")).Text, (await planner.Get($"/api/v1/runs/{id}/problem")).Text);

        var proposed = await planner.Post($"/api/v1/runs/{id}/proposals", """{ "effective": "2027-07-01", "note": "a1 by hand" }""");

        Assert.Equal(HttpStatusCode.Created, proposed.Status);
        Assert.Equal("submitted", proposed.Body.GetProperty("state").GetString());
        Assert.Contains(proposed.Body.GetProperty("changes").EnumerateArray(), c => c.GetProperty("accountId").GetString() == "a1" && c.GetProperty("toRepId").GetString() == to);
        Assert.Equal(["east", "west"], proposed.Body.GetProperty("approvalsNeeded").EnumerateArray().Select(u => u.GetString()).Order());
    }
}
