using System.Net;
using System.Text.Json;
using Territories.Api.Access;
using Territories.Domain.Contracts;

namespace Territories.Api.Tests;

/// <summary>The sales organisation through the service: org.csv, plans rolled up per unit.</summary>
public abstract partial class ServiceTests
{
    [Fact]
    public async Task CsvUpload_WithOrgCsv_KeepsTheTree_AndBadUnitsNameTheRow()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var repsCsv = (await client.Get($"/api/v1/datasets/{dataset}/reps.csv")).Text;
        var accountsCsv = (await client.Get($"/api/v1/datasets/{dataset}/accounts.csv")).Text;
        var orgCsv = (await client.Get($"/api/v1/datasets/{dataset}/org.csv")).Text;

        var uploaded = await UploadCsv(client, repsCsv, accountsCsv, orgCsv);
        var withoutOrg = await UploadCsv(client, repsCsv, accountsCsv);
        // region-1 is a root with district region-1-d1 below it; making the district its parent closes a cycle.
        var rootLine = orgCsv.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith("region-1,", StringComparison.Ordinal));
        var cycle = await UploadCsv(client, repsCsv, accountsCsv, orgCsv.Replace(rootLine, rootLine + "region-1-d1", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, uploaded.Status);
        var original = TerritoryProblemReader.Read((await client.Get($"/api/v1/datasets/{dataset}/export")).Text);
        var roundTrip = TerritoryProblemReader.Read((await client.Get($"/api/v1/datasets/{uploaded.Id}/export")).Text);
        Assert.NotEmpty(original.Org.Units);
        Assert.Equal(original.Org.Units, roundTrip.Org.Units);
        Assert.Equal(original.Reps.Select(r => r.OrgUnitId), roundTrip.Reps.Select(r => r.OrgUnitId));
        Assert.Equal(HttpStatusCode.BadRequest, withoutOrg.Status);
        Assert.Contains("reps.csv[row 2].orgUnitId", withoutOrg.ErrorPaths);
        Assert.Equal(HttpStatusCode.BadRequest, cycle.Status);
        Assert.Contains(cycle.ErrorPaths, p => p.StartsWith("org.csv[row ", StringComparison.Ordinal) && p.EndsWith("].parentId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_OnADatasetWithATree_RollsThePlanUpPerUnit()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var run = await Submit(client, await CreateScenario(client, Books.Scenario(dataset, "baseline")));

        var plan = PlanOf(await client.WaitForState(run, "completed"));

        var roots = plan.OrgUnits.Where(u => u.ParentId is null).ToList();
        Assert.NotEmpty(roots);
        Assert.Equal(plan.Assignments.Count, roots.Sum(u => u.Accounts));
        foreach (var unit in plan.OrgUnits.Where(u => u.ParentId is not null).GroupBy(u => u.ParentId))
            Assert.Equal(plan.OrgUnits.Single(u => u.OrgUnitId == unit.Key).Workload, unit.Sum(u => u.Workload), 6);
    }

    /// <summary>
    /// Two regions (west: district west-a with w1 and w2; east: district east-a with e1 and e2), eight accounts with tiers and
    /// potentials (w1: a1 100,000, a2 100,000, a3 200,000; w2: a4 400,000; e1 and e2 400,000 each). Locks make the plan move
    /// a1 and a2 (half of w1's potential) from w1 to w2 (inside west-a) and keep everything else.
    /// </summary>
    private const string TwoRegions = """
        { "name": "two regions",
          "orgUnits": [ { "id": "west", "name": "West" }, { "id": "east", "name": "East" },
                        { "id": "west-a", "parentId": "west" }, { "id": "east-a", "parentId": "east" } ],
          "reps": [ { "id": "w1", "capacity": 100, "orgUnitId": "west-a" }, { "id": "w2", "capacity": 100, "orgUnitId": "west-a" },
                    { "id": "e1", "capacity": 100, "orgUnitId": "east-a" }, { "id": "e2", "capacity": 100, "orgUnitId": "east-a" } ],
          "accounts": [
            { "id": "a1", "tier": "A", "potential": 100000, "workload": 10, "currentRepId": "w1", "lockedRepId": "w2" },
            { "id": "a2", "tier": "B", "potential": 100000, "workload": 10, "currentRepId": "w1", "lockedRepId": "w2" },
            { "id": "a3", "tier": "C", "potential": 200000, "workload": 10, "currentRepId": "w1", "lockedRepId": "w1" },
            { "id": "a4", "tier": "C", "potential": 400000, "workload": 10, "currentRepId": "w2", "lockedRepId": "w2" },
            { "id": "a5", "tier": "C", "potential": 200000, "workload": 10, "currentRepId": "e1", "lockedRepId": "e1" },
            { "id": "a6", "tier": "C", "potential": 200000, "workload": 10, "currentRepId": "e1", "lockedRepId": "e1" },
            { "id": "a7", "tier": "C", "potential": 200000, "workload": 10, "currentRepId": "e2", "lockedRepId": "e2" },
            { "id": "a8", "tier": "C", "potential": 200000, "workload": 10, "currentRepId": "e2", "lockedRepId": "e2" } ] }
        """;

    private static async Task<Dictionary<string, string?>> OwnersOn(ServiceClient client, string dataset, string day)
    {
        var answer = await client.Get($"/api/v1/datasets/{dataset}/assignments?asOf={day}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(day, answer.Body.GetProperty("asOf").GetString());
        return answer.Body.GetProperty("assignments").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("repId").GetString());
    }

    [Fact]
    public async Task Proposals_ApprovedByTheUnitsManagers_PublishedFromTheirDay_StaleAndRejectedRefused_EveryStepAudited()
    {
        var host = await StartHostAsync();
        var people = new People(host);
        var admin = people.Admin;
        var planner = people.As((await people.Create("planner", Roles.Planner)).Key);
        var (westId, westKey) = await people.Create("west-manager", Roles.Manager);
        var (districtId, districtKey) = await people.Create("west-a-manager", Roles.Manager);
        var (eastId, eastKey) = await people.Create("east-manager", Roles.Manager);
        var (west, district, east) = (people.As(westKey), people.As(districtKey), people.As(eastKey));
        var created = await admin.Post("/api/v1/datasets", TwoRegions);
        Assert.True(created.Status == HttpStatusCode.Created, created.Text);
        var dataset = created.Id;
        Assert.Equal(HttpStatusCode.OK, (await admin.Put($"/api/v1/datasets/{dataset}/org-units/west/managers", $$"""{ "userIds": ["{{westId}}"] }""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.Put($"/api/v1/datasets/{dataset}/org-units/west-a/managers", $$"""{ "userIds": ["{{districtId}}"] }""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.Put($"/api/v1/datasets/{dataset}/org-units/east/managers", $$"""{ "userIds": ["{{eastId}}"] }""")).Status);
        var notAManager = await admin.Put($"/api/v1/datasets/{dataset}/org-units/east/managers", """{ "userIds": ["no-such-user"] }""");
        Assert.Contains("userIds[0]", notAManager.ErrorPaths);
        var scenario = await planner.Post("/api/v1/scenarios", $$"""{ "name": "locks", "datasetId": "{{dataset}}", "changes": {}, "options": { "workers": 1, "timeLimitSeconds": 5 } }""");
        Assert.True(scenario.Status == HttpStatusCode.Created, scenario.Text);
        var run = await Submit(planner, scenario.Id);
        await planner.WaitForState(run, "completed");

        var proposed = await planner.Post($"/api/v1/runs/{run}/proposals", """{ "effective": "2027-07-01", "note": "relieve w1" }""");
        var second = (await planner.Post($"/api/v1/runs/{run}/proposals", """{ "effective": "2027-09-01" }""")).Id;

        Assert.Equal(HttpStatusCode.Created, proposed.Status);
        var id = proposed.Id;
        Assert.Equal("submitted", proposed.Body.GetProperty("state").GetString());
        Assert.Equal(["west-a"], proposed.Body.GetProperty("approvalsNeeded").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(["a1", "a2"], proposed.Body.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("accountId").GetString()));
        Assert.Contains((await west.Get("/api/v1/proposals?needsApprovalBy=me")).Body.EnumerateArray(), p => p.GetProperty("id").GetString() == id);
        Assert.Empty((await east.Get("/api/v1/proposals?needsApprovalBy=me")).Body.EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.Post($"/api/v1/proposals/{id}/approve", "{}")).Status);

        // A manager of the other region may not approve; the region's and the district's managers race: one decision is recorded.
        var refused = await east.Post($"/api/v1/proposals/{id}/approve", """{ "note": "not mine" }""");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        var race = await Task.WhenAll(west.Post($"/api/v1/proposals/{id}/approve", """{ "note": "ok" }"""), district.Post($"/api/v1/proposals/{id}/approve", "{}"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], race.Select(r => r.Status).Order());
        var approved = await planner.Get($"/api/v1/proposals/{id}");
        Assert.Equal("approved", approved.Body.GetProperty("state").GetString());
        var decision = Assert.Single(approved.Body.GetProperty("decisions").EnumerateArray());
        Assert.Equal(("west-a", "approved"), (decision.GetProperty("unitId").GetString(), decision.GetProperty("decision").GetString()));
        Assert.Contains(decision.GetProperty("userName").GetString(), new[] { "west-manager", "west-a-manager" });
        Assert.Empty(approved.Body.GetProperty("approvalsNeeded").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await admin.Post($"/api/v1/proposals/{second}/approve", "{}")).Status);

        Assert.Equal("w1", (await OwnersOn(planner, dataset, "2027-07-01"))["a1"]);
        var published = await planner.Post($"/api/v1/proposals/{id}/publish");

        Assert.Equal(HttpStatusCode.OK, published.Status);
        Assert.Equal("published", published.Body.GetProperty("state").GetString());
        Assert.Equal(("w1", "w1"), ((await OwnersOn(planner, dataset, "2027-06-30"))["a1"], (await OwnersOn(planner, dataset, "2027-06-30"))["a2"]));
        Assert.Equal(("w2", "w2"), ((await OwnersOn(planner, dataset, "2027-07-01"))["a1"], (await OwnersOn(planner, dataset, "2027-07-01"))["a2"]));
        var after = await OwnersOn(planner, dataset, "2027-07-02");
        Assert.Equal(("w2", "w1", "e1"), (after["a1"], after["a3"], after["a5"]));
        var history = (await planner.Get($"/api/v1/datasets/{dataset}/accounts/a1/history")).Body;
        Assert.Equal("w1", history.GetProperty("initialRepId").GetString());
        var change = Assert.Single(history.GetProperty("changes").EnumerateArray());
        Assert.Equal(("2027-07-01", "w2", "w1"), (change.GetProperty("from").GetString(), change.GetProperty("repId").GetString(), change.GetProperty("previousRepId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await planner.Get($"/api/v1/datasets/{dataset}/accounts/zz/history")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.Get($"/api/v1/datasets/{dataset}/assignments?asOf=July")).Status);

        // The second proposal was made against the plan before this publication: stale, and publishing it is refused.
        var stale = await planner.Post($"/api/v1/proposals/{second}/publish");
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal("stale", (await planner.Get($"/api/v1/proposals/{second}")).Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await planner.Post($"/api/v1/proposals/{id}/publish")).Status);

        // Against the new plan in force nothing changes owner from 2027-07-01: approved at once. A later proposal that moves
        // back is rejected by the district's manager and can no longer be approved.
        var noChange = await planner.Post($"/api/v1/runs/{run}/proposals", """{ "effective": "2027-08-01" }""");
        Assert.Equal("approved", noChange.Body.GetProperty("state").GetString());
        Assert.Empty(noChange.Body.GetProperty("changes").EnumerateArray());
        var early = (await planner.Post($"/api/v1/runs/{run}/proposals", """{ "effective": "2027-03-01" }""")).Id;
        var rejected = await district.Post($"/api/v1/proposals/{early}/reject", """{ "note": "too early" }""");
        Assert.Equal("rejected", rejected.Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await west.Post($"/api/v1/proposals/{early}/approve", "{}")).Status);

        var audit = (await admin.Get("/api/v1/audit")).Text;
        foreach (var step in new[] { $"/api/v1/runs/{run}/proposals", $"/api/v1/proposals/{id}/approve", $"/api/v1/proposals/{id}/publish", $"/api/v1/proposals/{early}/reject" })
            Assert.Contains(step, audit);
    }
}
