using System.Text.Json;

namespace Territories.Cli.Tests;

public sealed class HireCommandTests : CliHarness
{
    private const string Request = """
        { "start": "2027-Q1", "quarters": 8,
          "reps": [ { "id": "r1", "skills": ["enterprise"], "region": "NE", "capacity": 1600, "endDate": null } ],
          "hireCapacity": 1600,
          "demand": [ { "skill": "enterprise", "region": "NE", "quarter": "2027-Q1", "workload": 4200 },
                      { "skill": "enterprise", "region": "NE", "quarter": "2027-Q3", "workload": 1000 } ],
          "targetUtilization": 0.85, "attritionPerYear": 0.12, "ramp": [0.3, 0.6, 0.9],
          "leadTimeQuarters": 1, "maxHiresPerQuarter": 6, "hireCost": 20000, "repCostPerYear": 140000 }
        """;

    [Fact]
    public async Task Hire_ContractExample_HiresAfterTheLeadTimeAndReportsTheShortfall()
    {
        var (exit, stdout, stderr) = await Run("hire", Write("hire.json", Request));

        Assert.Equal(0, exit);
        using var plan = JsonDocument.Parse(stdout);
        var root = plan.RootElement;
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        // Q1 demand (4200 h) exceeds the rep's 340 h and no hire can start before Q2: that is the shortfall.
        var shortfall = root.GetProperty("shortfalls")[0];
        Assert.Equal("2027-Q1", shortfall.GetProperty("quarter").GetString());
        Assert.Equal(4200 - 1600 / 4.0 * 0.85, shortfall.GetProperty("hours").GetDouble(), 2);
        Assert.StartsWith("lead time", shortfall.GetProperty("reason").GetString());
        Assert.All(root.GetProperty("hires").EnumerateArray(), h => Assert.NotEqual("2027-Q1", h.GetProperty("quarter").GetString()));
        Assert.Contains("headcount", stderr);
        Assert.True(root.GetProperty("solveSeconds").GetDouble() >= 0);
        Assert.Equal(root.GetProperty("uncoveredHoursBound").GetDouble(), root.GetProperty("shortfalls").EnumerateArray().Sum(s => s.GetProperty("hours").GetDouble()), 1);
    }

    [Fact]
    public async Task Hire_TimeLimitOption_IsValidatedLikeSolves()
    {
        var (exit, _, stderr) = await Run("hire", Write("hire.json", Request), "--time-limit", "0");

        Assert.Equal(2, exit);
        Assert.Contains("option --time-limit must be a positive number of seconds, not \"0\"", stderr);
    }

    [Fact]
    public async Task HireRequest_FromTheSampleBook_PlansEndToEnd()
    {
        var book = Write("book.json", """
            { "reps": [ { "id": "r1", "capacity": 1600, "region": "NE", "skills": ["enterprise"] } ],
              "accounts": [ { "id": "a1", "workload": 2000, "currentRepId": "r1", "requiredSkills": ["enterprise"] },
                            { "id": "a2", "workload": 800, "currentRepId": "r1" } ] }
            """);
        var request = Path.Combine(Folder, "request.json");

        Assert.Equal(0, (await Run("hire-request", "--book", book, "--start", "2027-Q1", "--quarters", "4", "--growth", "0.1", "--out", request)).Exit);
        var (exit, stdout, _) = await Run("hire", request);

        Assert.Equal(0, exit);
        using var plan = JsonDocument.Parse(stdout);
        Assert.True(plan.RootElement.GetProperty("hires").GetArrayLength() > 0);
        Assert.Equal(3, plan.RootElement.GetProperty("whatIfs").GetArrayLength());
    }

    [Fact]
    public async Task Hire_InvalidRequest_ExitsTwoNamingTheField()
    {
        var file = Write("bad.json", Request.Replace("\"quarters\": 8", "\"quarters\": 0"));

        var (exit, _, stderr) = await Run("hire", file);

        Assert.Equal(2, exit);
        Assert.Contains($"{file}: quarters:", stderr);
    }
}
