using System.Net;
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
}
