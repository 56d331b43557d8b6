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

    private const string VisitBody = """
        { "policy": { "tiers": { "A": { "visitsPerMonth": 2, "minutes": 60 }, "B": { "visitsPerMonth": 1, "minutes": 45 }, "C": { "visitsPerQuarter": 1, "minutes": 30 } } },
          "from": "2027-01-04", "weeks": 2 }
        """;

    [Fact]
    public async Task RunVisits_PlansEveryRequiredVisitOrSaysWhy_AndAnswersACalendarAndADayMap()
    {
        var (_, client) = await StartAsync();
        var dataset = await CreateDataset(client, Books.Small());
        var run = await Submit(client, await CreateScenario(client, Books.Scenario(dataset, "visits")));
        await client.WaitForState(run, "completed");

        var visits = await client.Post($"/api/v1/runs/{run}/visits", VisitBody);
        var invalid = await client.Post($"/api/v1/runs/{run}/visits", VisitBody.Replace("\"minutes\": 60", "\"minutes\": 0").Replace("2027-01-04", "4.1.2027"));
        var missingTier = await client.Post($"/api/v1/runs/{run}/visits", VisitBody.Replace("\"C\":", "\"D\":"));

        Assert.Equal(HttpStatusCode.OK, visits.Status);
        var body = visits.Body;
        var unplanned = body.GetProperty("unplanned").EnumerateArray().ToList();
        Assert.Equal(body.GetProperty("required").GetInt32(), body.GetProperty("planned").GetInt32() + unplanned.Count);
        Assert.True(body.GetProperty("planned").GetInt32() > 0);
        Assert.All(unplanned, u => Assert.False(string.IsNullOrEmpty(u.GetProperty("reason").GetString())));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("policy.tiers.A.minutes", invalid.ErrorPaths);
        Assert.Contains("from", invalid.ErrorPaths);
        Assert.Equal(HttpStatusCode.BadRequest, missingTier.Status);
        Assert.Contains(missingTier.ErrorPaths, p => p.EndsWith(".tier", StringComparison.Ordinal));

        var (repId, date) = body.GetProperty("reps").EnumerateArray()
            .SelectMany(r => r.GetProperty("days").EnumerateArray().Select(d => (r.GetProperty("repId").GetString(), d.GetProperty("date").GetString()))).First();
        var ics = await client.Http.PostAsync($"/api/v1/runs/{run}/visits?format=ics&repId={repId}", new StringContent(VisitBody, System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        var calendar = await ics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", calendar);
        Assert.Contains("BEGIN:VEVENT\r\n", calendar);
        var svg = await client.Http.PostAsync($"/api/v1/runs/{run}/visits?format=svg&repId={repId}&date={date}", new StringContent(VisitBody, System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Contains("<polyline class=\"route\"", await svg.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var noRep = await client.Post($"/api/v1/runs/{run}/visits?format=ics", VisitBody);
        Assert.Contains("repId", noRep.ErrorPaths);
    }
}
