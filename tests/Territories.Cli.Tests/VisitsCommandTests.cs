using System.Text.Json;

namespace Territories.Cli.Tests;

public sealed class VisitsCommandTests : CliHarness
{
    private const string Problem = """
        { "reps": [ { "id": "r1", "capacity": 2000, "home": { "lat": 40.0, "lon": -100.0 } } ],
          "accounts": [
            { "id": "a1", "workload": 10, "tier": "A", "location": { "lat": 40.1, "lon": -100.1 } },
            { "id": "a2", "workload": 10, "tier": "B", "location": { "lat": 40.2, "lon": -99.9 },
              "appointments": [ { "date": "2027-01-06", "start": "10:00" } ] },
            { "id": "far", "workload": 10, "tier": "A", "location": { "lat": 44.0, "lon": -100.0 } } ] }
        """;

    private const string Plan = """
        { "status": "feasible", "solveSeconds": 0, "assignments": [ { "accountId": "a1", "repId": "r1" }, { "accountId": "a2", "repId": "r1" }, { "accountId": "far", "repId": "r1" } ],
          "reps": [], "objectiveTerms": [], "diagnostics": [], "solver": { "solutions": 1, "engine": "test" } }
        """;

    private const string Policy = """
        { "tiers": { "A": { "visitsPerWeek": 1, "minutes": 60 }, "B": { "visitsPerMonth": 1, "minutes": 45 } },
          "workday": { "start": "08:00", "end": "17:00", "breakMinutes": 30 } }
        """;

    [Fact]
    public async Task Visits_WritesRoutesMapsAndCalendars_AndListsTheFarAccountWithItsReason()
    {
        var maps = Path.Combine(Folder, "maps");
        var ics = Path.Combine(Folder, "ics");

        var (exit, stdout, stderr) = await Run("visits", Write("plan.json", Plan), "--problem", Write("problem.json", Problem), "--policy", Write("policy.json", Policy),
            "--from", "2027-01-04", "--weeks", "2", "--maps", maps, "--ics", ics);

        Assert.Equal(0, exit);
        var plan = JsonDocument.Parse(stdout).RootElement;
        var stops = plan.GetProperty("reps")[0].GetProperty("days").EnumerateArray()
            .SelectMany(d => d.GetProperty("stops").EnumerateArray().Select(s => (Date: d.GetProperty("date").GetString(), Stop: s))).ToList();
        Assert.Equal(2, stops.Count(s => s.Stop.GetProperty("accountId").GetString() == "a1"));
        var appointment = stops.Single(s => s.Stop.GetProperty("accountId").GetString() == "a2");
        Assert.Equal(("2027-01-06", "10:00"), (appointment.Date, appointment.Stop.GetProperty("start").GetString()));
        var unplanned = plan.GetProperty("unplanned").EnumerateArray().Select(u => (u.GetProperty("accountId").GetString(), u.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("far", "workday-too-short"), ("far", "workday-too-short")], unplanned);
        Assert.True(File.Exists(Path.Combine(maps, "r1-2027-01-06.svg")));
        Assert.True(File.Exists(Path.Combine(maps, "r1-2027-01-06.geojson")));
        Assert.Contains("BEGIN:VEVENT", File.ReadAllText(Path.Combine(ics, "r1-2027-W01.ics")));
        Assert.Contains("workday-too-short", stderr);
    }

    [Fact]
    public async Task Visits_AccountWithoutATierOfThePolicy_ExitsTwoNamingTheField()
    {
        var (exit, _, stderr) = await Run("visits", Write("plan.json", Plan), "--problem", Write("problem.json", Problem.Replace("\"tier\": \"A\"", "\"tier\": \"Z\"")),
            "--policy", Write("policy.json", Policy), "--from", "2027-01-04");

        Assert.Equal(2, exit);
        Assert.Contains("accounts[0].tier", stderr);
    }
}
