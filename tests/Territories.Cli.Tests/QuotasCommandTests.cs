using System.Text.Json;

namespace Territories.Cli.Tests;

public sealed class QuotasCommandTests : CliHarness
{
    private const string Request = """
        { "goal": 12000000, "currency": "USD",
          "year": { "start": "2027-01-01", "calendar": "4-4-5", "weekStart": "monday" },
          "workingDays": ["mon", "tue", "wed", "thu", "fri"], "holidays": ["2027-01-01", "2027-05-31", "2027-12-24"],
          "seasonality": { "monthly": [7, 7, 9, 8, 8, 9, 7, 7, 9, 9, 9, 11] },
          "reps": [ { "id": "r1", "potential": 900000, "lastYear": 800000, "startDate": null, "endDate": null },
                    { "id": "r2", "potential": 1500000, "lastYear": 1200000 },
                    { "id": "r3", "potential": 1200000, "startDate": "2027-04-12" } ],
          "method": { "potentialWeight": 0.6, "historyWeight": 0.4, "minGrowth": 0.0, "maxGrowth": 0.30, "overAssignment": 0.05 },
          "ramp": [0.25, 0.5, 0.75], "rounding": 100 }
        """;

    [Fact]
    public async Task Quotas_ContractExample_WritesAPlanThatAddsUpAndACsv()
    {
        var csv = Path.Combine(Folder, "quotas.csv");

        var (exit, stdout, stderr) = await Run("quotas", Write("request.json", Request), "--csv", csv);

        Assert.Equal(0, exit);
        using var plan = JsonDocument.Parse(stdout);
        var root = plan.RootElement;
        Assert.Equal(12_600_000m, root.GetProperty("total").GetDecimal());
        var reps = root.GetProperty("reps").EnumerateArray().ToList();
        Assert.Equal(12_600_000m, reps.Sum(r => r.GetProperty("annual").GetDecimal()));
        foreach (var rep in reps)
        {
            var annual = rep.GetProperty("annual").GetDecimal();
            Assert.Equal(annual, rep.GetProperty("weeks").EnumerateArray().Sum(w => w.GetProperty("amount").GetDecimal()));
            Assert.All(rep.GetProperty("weeks").EnumerateArray(), w => Assert.Equal(0m, w.GetProperty("amount").GetDecimal() % 100));
        }
        var hire = reps.Single(r => r.GetProperty("repId").GetString() == "r3");
        Assert.Equal(0m, hire.GetProperty("quarters")[0].GetProperty("amount").GetDecimal());
        var week = root.GetProperty("periods").EnumerateArray().First(p => p.GetProperty("kind").GetString() == "week");
        Assert.Equal("2027-W01", week.GetProperty("id").GetString());
        Assert.Equal("2027-01-04", week.GetProperty("start").GetString());
        var lines = File.ReadAllLines(csv);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("repId,annual,2027-Q1", lines[0]);
        Assert.Contains("r1", stderr);
    }

    [Fact]
    public async Task Quotas_WithOrgUnits_SplitsTopDownAndListsEveryUnit()
    {
        var request = Request
            .Replace("\"startDate\": null, \"endDate\": null", "\"orgUnitId\": \"south\"", StringComparison.Ordinal)
            .Replace("\"lastYear\": 1200000", "\"lastYear\": 1200000, \"orgUnitId\": \"north\"", StringComparison.Ordinal)
            .Replace("\"startDate\": \"2027-04-12\"", "\"startDate\": \"2027-04-12\", \"orgUnitId\": \"north\"", StringComparison.Ordinal)
            .Replace("\"rounding\": 100", "\"rounding\": 100, \"orgUnits\": [ { \"id\": \"field\", \"name\": \"Field\" }, { \"id\": \"north\", \"parentId\": \"field\" }, { \"id\": \"south\", \"parentId\": \"field\" } ]", StringComparison.Ordinal)
            .Replace("\"overAssignment\": 0.05", "\"overAssignment\": 0.05, \"overAssignmentByLevel\": [0.1]", StringComparison.Ordinal);

        var (exit, stdout, stderr) = await Run("quotas", Write("org.json", request));

        Assert.Equal(0, exit);
        using var plan = JsonDocument.Parse(stdout);
        var units = plan.RootElement.GetProperty("orgUnits").EnumerateArray().ToDictionary(u => u.GetProperty("orgUnitId").GetString()!);
        Assert.Equal(12_600_000m, units["field"].GetProperty("assigned").GetDecimal());
        Assert.Equal(13_860_000m, units["north"].GetProperty("assigned").GetDecimal() + units["south"].GetProperty("assigned").GetDecimal());
        Assert.Equal(13_860_000m, units["field"].GetProperty("annual").GetDecimal());
        Assert.Equal(13_860_000m, plan.RootElement.GetProperty("total").GetDecimal());
        Assert.Contains("  north", stderr);
    }

    [Fact]
    public async Task Relief_MovesOfAPlanInForce_PrintsTheRelievedPlan_AndBadMovesExitTwo()
    {
        var quotas = Path.Combine(Folder, "quotas.json");
        Assert.Equal(0, (await Run("quotas", Write("request.json", Request), "--out", quotas)).Exit);
        var moves = Write("moves.json", """
            { "moves": [ { "accountId": "acme", "fromRepId": "r2", "toRepId": "r1", "effective": "2027-07-05", "potential": 300000, "repPotential": 1500000 },
                         { "accountId": "zeta", "fromRepId": "r1", "toRepId": "r9", "effective": "2027-10-04", "share": 0.1 } ] }
            """);

        var (exit, stdout, stderr) = await Run("relief", quotas, "--moves", moves);
        var (badExit, _, badErr) = await Run("relief", quotas, "--moves", Write("bad.json", """{ "moves": [ { "accountId": "x", "fromRepId": "r1", "toRepId": "r1", "effective": "July" } ] }"""));

        Assert.Equal(0, exit);
        using var answer = JsonDocument.Parse(stdout);
        var reps = answer.RootElement.GetProperty("plan").GetProperty("reps").EnumerateArray().ToDictionary(r => r.GetProperty("repId").GetString()!);
        Assert.Equal(12_600_000m, reps.Values.Sum(r => r.GetProperty("annual").GetDecimal()));
        Assert.Equal(0m, reps["r9"].GetProperty("quarters")[2].GetProperty("amount").GetDecimal());
        Assert.True(reps["r9"].GetProperty("quarters")[3].GetProperty("amount").GetDecimal() > 0);
        var relief = answer.RootElement.GetProperty("relief").EnumerateArray().ToList();
        Assert.Equal(0.2, relief[0].GetProperty("share").GetDouble(), 9);
        Assert.Contains("acme: r2 -> r1 from 2027-07-05", stderr);
        Assert.Equal(2, badExit);
        Assert.Contains("moves[0].effective", badErr);
        Assert.Contains("moves[0].toRepId", badErr);
        Assert.Contains("moves[0].share", badErr);
    }

    [Theory]
    [InlineData("\"goal\": 12000000", "\"goal\": -1", "goal")]
    [InlineData("\"calendar\": \"4-4-5\"", "\"calendar\": \"13-periods\"", "year.calendar")]
    [InlineData("[7, 7, 9, 8, 8, 9, 7, 7, 9, 9, 9, 11]", "[7, 7, 9, 8, 8, 9, 7, 7, 9, 9, 9]", "seasonality.monthly")]
    [InlineData("\"startDate\": \"2027-04-12\"", "\"startDate\": \"2027-04-12\", \"endDate\": \"2027-02-01\"", "reps[2].startDate")]
    public async Task Quotas_InvalidRequest_ExitsTwoNamingTheField(string from, string to, string path)
    {
        var file = Write("bad.json", Request.Replace(from, to));

        var (exit, stdout, stderr) = await Run("quotas", file);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"{file}: {path}:", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
