using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Visits;

namespace Territories.Domain.Tests.Visits;

public sealed class VisitPolicyTests
{
    // Two reps on the equator; one degree of longitude there is 111.195 km of great circle.
    private const string Problem = """
        { "reps": [ { "id": "near", "home": { "lat": 0, "lon": 0 }, "capacity": 2000 },
                    { "id": "far", "home": { "lat": 0, "lon": 1 }, "capacity": 2000, "skills": ["x"] } ],
          "accounts": [ { "id": "a1", "location": { "lat": 0, "lon": 0 }, "tier": "A" },
                        { "id": "c1", "location": { "lat": 0, "lon": 0 }, "tier": "C", "workload": 5 },
                        { "id": "x1", "location": { "lat": 0, "lon": 0 }, "tier": "A", "requiredSkills": ["x"] } ],
          "pairs": [ { "accountId": "c1", "repId": "far", "cost": 7 } ],
          "visitPolicy": { "tiers": { "A": { "visitsPerMonth": 2, "minutes": 60 }, "C": { "visitsPerQuarter": 1, "minutes": 30 } },
                           "speedKmh": 60, "detourFactor": 1.3 } }
        """;

    [Fact]
    public void VisitPolicy_ExpandsIntoPairWorkloads_OfVisitsTimesMinutesPlusTheRoundTripFromEachRepsHome()
    {
        var problem = TerritoryProblemReader.Read(Problem);

        double WorkloadOf(string account, string rep) => problem.WorkloadOf(problem.AccountIndexOf(new AccountId(account)), problem.RepIndexOf(new RepId(rep)));
        var roundTripHours = 2 * GreatCircle.DistanceKm(new GeoPoint(0, 0), new GeoPoint(0, 1)) * 1.3 / 60;
        Assert.Equal(24.0, WorkloadOf("a1", "near"), 2);
        Assert.Equal(24 * (1 + roundTripHours), WorkloadOf("a1", "far"), 1);
        Assert.Equal(5 + 4 * 0.5, WorkloadOf("c1", "near"), 2);
        Assert.Equal(5 + 4 * (0.5 + roundTripHours), WorkloadOf("c1", "far"), 1);
        Assert.Equal(7m, problem.CostOf(problem.AccountIndexOf(new AccountId("c1")), problem.RepIndexOf(new RepId("far"))));
        Assert.Null(problem.PairOf(problem.AccountIndexOf(new AccountId("x1")), problem.RepIndexOf(new RepId("near"))));
    }

    [Theory]
    [InlineData("\"tier\": \"C\", \"workload\": 5", "\"tier\": \"B\", \"workload\": 5", "accounts[1].tier")]
    [InlineData("{ \"id\": \"a1\", \"location\": { \"lat\": 0, \"lon\": 0 }, \"tier\": \"A\" }", "{ \"id\": \"a1\", \"tier\": \"A\" }", "accounts[0].location")]
    [InlineData("\"visitsPerMonth\": 2, \"minutes\": 60", "\"visitsPerMonth\": 2, \"visitsPerYear\": 3, \"minutes\": 60", "visitPolicy.tiers.A")]
    [InlineData("\"visitsPerMonth\": 2, \"minutes\": 60", "\"visitsPerMonth\": 2", "visitPolicy.tiers.A.minutes")]
    [InlineData("\"speedKmh\": 60", "\"speedKmh\": 0", "visitPolicy.speedKmh")]
    [InlineData("\"detourFactor\": 1.3", "\"detourFactor\": 1.3, \"workday\": { \"start\": \"18:00\" }", "visitPolicy.workday.end")]
    [InlineData("\"detourFactor\": 1.3", "\"detourFactor\": 1.3, \"workingDays\": [\"monday\"]", "visitPolicy.workingDays[0]")]
    [InlineData("\"detourFactor\": 1.3", "\"detourFactor\": 1.3, \"speed\": 50", "visitPolicy.speed")]
    public void VisitPolicy_BadInput_IsReportedAtItsFieldPath(string from, string to, string path)
    {
        var error = Assert.Throws<InvalidInputException>(() => TerritoryProblemReader.Read(Problem.Replace(from, to)));

        Assert.Contains(error.Errors, e => e.Path == path);
    }

    [Fact]
    public void OpeningHoursAndAppointments_AreReadAndWrittenBack()
    {
        var json = Problem.Replace("\"tier\": \"C\", \"workload\": 5",
            "\"tier\": \"C\", \"workload\": 5, \"openingHours\": { \"mon\": [\"13:00-17:00\", \"08:00-12:00\"] }, \"appointments\": [ { \"date\": \"2027-01-05\", \"start\": \"10:00\" } ]");

        var account = TerritoryProblemReader.Read(TerritoryProblemWriter.Write(TerritoryProblemReader.Read(json))).Accounts[1];

        Assert.Equal([new TimeWindow(480, 720), new TimeWindow(780, 1020)], account.OpeningHours!.On(DayOfWeek.Monday));
        Assert.Empty(account.OpeningHours.On(DayOfWeek.Tuesday));
        Assert.Equal([new Appointment(new DateOnly(2027, 1, 5), new TimeOnly(10, 0), null)], account.Appointments!);
        var bad = Assert.Throws<InvalidInputException>(() => TerritoryProblemReader.Read(json.Replace("13:00-17:00", "17:00-13:00").Replace("2027-01-05", "5.1.2027")));
        Assert.Contains(bad.Errors, e => e.Path == "accounts[1].openingHours.mon[0]");
        Assert.Contains(bad.Errors, e => e.Path == "accounts[1].appointments[0].date");
    }
}
