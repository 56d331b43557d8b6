using System.Text.Json;
using Territories.Api.Hosting;
using Territories.Domain.Contracts;

namespace Territories.Api.Tests;

/// <summary>A dataset's detail (reps, accounts by segment and tier, totals) comes from its stored overview, also for datasets stored before overviews were kept.</summary>
public abstract partial class ServiceTests
{
    [Fact]
    public async Task DatasetDetail_ShowsRepsCountsAndTotals_FollowsAReplace_AndFillsInDatasetsStoredWithoutAnOverview()
    {
        var (_, client) = await StartAsync();
        var book = TerritoryProblemReader.Read(Books.Small());
        var smaller = book.WithAccounts(book.Accounts.Skip(20).ToList());
        var dataset = await CreateDataset(client, Books.Small());
        var store = await StoreAsync();
        var older = await store.Datasets.CreateAsync(DatasetContents.Of(smaller));
        await using (var connection = await store.Database.OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM dataset_overviews WHERE dataset_id = @id", new { id = older.Id });

        var created = await client.Get($"/api/v1/datasets/{dataset}");
        var replaced = await client.Put($"/api/v1/datasets/{dataset}", TerritoryProblemWriter.Write(smaller));
        var afterReplace = await client.Get($"/api/v1/datasets/{dataset}");
        var filledIn = await client.Get($"/api/v1/datasets/{older.Id}");

        AssertDetail(book, created.Body);
        Assert.Equal(System.Net.HttpStatusCode.OK, replaced.Status);
        AssertDetail(smaller, afterReplace.Body);
        Assert.Equal(2, afterReplace.Body.GetProperty("summary").GetProperty("version").GetInt32());
        AssertDetail(smaller, filledIn.Body);
        Assert.NotNull((await store.Datasets.GetOverviewAsync(older.Id))!.Overview);
    }

    private static void AssertDetail(Domain.Model.TerritoryProblem book, JsonElement detail)
    {
        Dictionary<string, int> CountBy(Func<Domain.Model.Account, string?> key) =>
            book.Accounts.GroupBy(a => key(a) ?? "(none)").ToDictionary(g => g.Key, g => g.Count());
        Dictionary<string, int> Read(string name) =>
            detail.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

        Assert.Equal(book.Reps.Select(r => (r.Id.Value, r.Capacity)),
            detail.GetProperty("reps").EnumerateArray().Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("capacity").GetDouble())));
        Assert.Equal(CountBy(a => a.Segment), Read("accountsBySegment"));
        Assert.Equal(CountBy(a => a.Tier), Read("accountsByTier"));
        Assert.Equal(book.Accounts.Count, detail.GetProperty("summary").GetProperty("accounts").GetInt32());
        Assert.Equal(book.Accounts.Sum(a => a.Workload ?? 0), detail.GetProperty("totalWorkload").GetDouble(), 6);
        Assert.Equal(book.Accounts.Sum(a => a.Revenue), detail.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(book.Accounts.Sum(a => a.Potential), detail.GetProperty("totalPotential").GetDecimal());
    }
}
