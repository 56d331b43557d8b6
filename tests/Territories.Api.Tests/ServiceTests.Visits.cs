using System.Net;
using Territories.Domain.Contracts;

namespace Territories.Api.Tests;

/// <summary>Classification and visit planning over HTTP, on each store.</summary>
public abstract partial class ServiceTests
{
    [Fact]
    public async Task Classification_AnswersTiersWithReasons_AndApplyPutsThemInTheCsvExport()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());

        var preview = await client.Post($"/api/v1/datasets/{dataset}/classification", """{ "by": "revenue", "a": 0.5, "b": 0.9 }""");
        var bad = await client.Post($"/api/v1/datasets/{dataset}/classification", """{ "by": "margin", "a": 0.9, "b": 0.5 }""");
        var applied = await client.Post($"/api/v1/datasets/{dataset}/classification", """{ "by": "revenue", "a": 0.5, "b": 0.9, "apply": true }""");

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var accounts = preview.Body.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(120, accounts.Count);
        var firstB = accounts.Where(a => a.GetProperty("tier").GetString() == "B").Min(a => a.GetProperty("rank").GetInt32());
        var lastA = accounts.Where(a => a.GetProperty("tier").GetString() == "A").Max(a => a.GetProperty("rank").GetInt32());
        Assert.Equal(lastA + 1, firstB);
        Assert.True(accounts.Single(a => a.TryGetProperty("rank", out var r) && r.ValueKind == System.Text.Json.JsonValueKind.Number && r.GetInt32() == lastA)
            .GetProperty("cumulativeShare").GetDouble() >= 0.5);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("by", bad.ErrorPaths);
        Assert.Contains("b", bad.ErrorPaths);
        Assert.Equal(HttpStatusCode.OK, applied.Status);
        var tierOf = accounts.ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("tier").GetString());
        var exported = TerritoryProblemReader.Read((await client.Get($"/api/v1/datasets/{dataset}/export")).Text);
        Assert.All(exported.Accounts, a => Assert.Equal(tierOf[a.Id.Value], a.Tier));
        var csv = (await client.Get($"/api/v1/datasets/{dataset}/accounts.csv")).Text.Split('\n');
        var tierColumn = Array.IndexOf(csv[0].Trim().Split(','), "tier");
        Assert.Equal(tierOf[csv[1].Split(',')[0]], csv[1].Split(',')[tierColumn]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Post("/api/v1/datasets/nope/classification", "{}")).Status);
    }
}
