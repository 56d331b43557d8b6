using System.Text.Json;

namespace Territories.Cli.Tests;

public sealed class VisitReportCommandTests : CliHarness
{
    private const string Book = """
        { "orgUnits": [ { "id": "west" }, { "id": "west-a", "parentId": "west" } ],
          "reps": [ { "id": "ann", "capacity": 100, "orgUnitId": "west-a" }, { "id": "bob", "capacity": 100, "orgUnitId": "west-a" } ],
          "accounts": [ { "id": "acme", "tier": "A", "workload": 1, "potential": 100, "currentRepId": "ann" },
                        { "id": "zeta", "tier": "A", "workload": 1, "potential": 100, "currentRepId": "ann" } ] }
        """;

    private const string Policy = """{ "tiers": { "A": { "visitsPerWeek": 1, "minutes": 60 } } }""";

    // acme moves from ann to bob on Monday 2027-01-18 (the first day of 2027-W03); ann still logs its sale that Tuesday.
    private const string Moves = """{ "moves": [ { "accountId": "acme", "fromRepId": "ann", "toRepId": "bob", "effective": "2027-01-18", "share": 0.5 } ] }""";

    private const string Log = """
        { "visits": [ { "date": "2027-01-04", "accountId": "zeta", "repId": "ann", "outcome": "completed" },
                      { "date": "2027-01-19", "accountId": "acme", "repId": "ann", "outcome": "completed", "sale": 1200 } ] }
        """;

    [Fact]
    public async Task VisitReport_CreditsTheSaleToTheOwnerAfterTheMove_AndListsTheOverdueAccount()
    {
        var (exit, stdout, stderr) = await Run("visit-report", Write("book.json", Book), "--log", Write("log.json", Log), "--week", "2027-W03",
            "--policy", Write("policy.json", Policy), "--moves", Write("moves.json", Moves));

        Assert.True(exit == 0, stderr);
        var reps = JsonDocument.Parse(stdout).RootElement.GetProperty("reps").EnumerateArray().ToDictionary(r => r.GetProperty("repId").GetString()!);
        Assert.Equal(1200m, reps["bob"].GetProperty("totals").GetProperty("sales").GetDecimal());
        Assert.Equal((1, 1), (reps["ann"].GetProperty("totals").GetProperty("planned").GetInt32(), reps["bob"].GetProperty("totals").GetProperty("planned").GetInt32()));
        Assert.Equal(1, reps["ann"].GetProperty("totals").GetProperty("done").GetInt32());
        // zeta, weekly, last seen on the 4th: 20 days before Sunday the 24th.
        Assert.Equal("zeta", reps["ann"].GetProperty("overdueAccounts")[0].GetProperty("accountId").GetString());
        Assert.Contains("1 of 2 planned visits done", stderr);
    }

    [Theory]
    [InlineData("--week", "2027-W99", "--week")]
    [InlineData("--log", "BADLOG", "visits[0].accountId")]
    public async Task VisitReport_BadInput_ExitsTwoNamingIt(string option, string value, string named)
    {
        var log = Write("log.json", Log);
        var badLog = Write("bad.json", """{ "visits": [ { "date": "2027-01-19", "accountId": "nobody", "repId": "ann", "outcome": "completed" } ] }""");
        string[] args = ["visit-report", Write("book.json", Book), "--log", log, "--week", "2027-W03"];
        var index = Array.IndexOf(args, option);
        args[index + 1] = value == "BADLOG" ? badLog : value;

        var (exit, _, stderr) = await Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(named, stderr);
    }
}
