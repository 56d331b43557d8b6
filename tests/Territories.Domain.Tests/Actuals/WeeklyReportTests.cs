using Territories.Domain.Actuals;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Quotas;
using Territories.Domain.Visits;

namespace Territories.Domain.Tests.Actuals;

/// <summary>The weekly plan-against-actual report on a hand-made week whose every figure is worked out in the comments.</summary>
public class WeeklyReportTests
{
    private static readonly TerritoryProblem Book = TerritoryProblemReader.Read("""
        { "name": "week",
          "orgUnits": [ { "id": "west" }, { "id": "east" }, { "id": "west-a", "parentId": "west" } ],
          "reps": [ { "id": "w1", "capacity": 100, "orgUnitId": "west-a" }, { "id": "w2", "capacity": 100, "orgUnitId": "west-a" },
                    { "id": "e1", "capacity": 100, "orgUnitId": "east" } ],
          "accounts": [ { "id": "k1", "tier": "A", "workload": 1, "currentRepId": "w1" }, { "id": "k2", "tier": "B", "workload": 1, "currentRepId": "w1" },
                        { "id": "k3", "tier": "prospect", "workload": 1, "currentRepId": "w2" }, { "id": "k4", "tier": "A", "workload": 1, "currentRepId": "e1" } ] }
        """);

    // A twice a week (interval ceil(365 / 104) = 4 days), B and prospects weekly (interval ceil(365 / 52) = 8 days).
    private static readonly VisitPolicy Policy = VisitPolicyReader.Read("""
        { "tiers": { "A": { "visitsPerWeek": 2, "minutes": 60 }, "B": { "visitsPerWeek": 1, "minutes": 45 }, "prospect": { "visitsPerWeek": 1, "minutes": 45 } } }
        """);

    // k2 moves from w1 to w2 on Wednesday 2027-01-20, inside the week reported (2027-W03: 18 to 24 January).
    private static readonly OwnerTimeline Owners = new(Book.Accounts.Select(a => (a.Id.Value, a.CurrentRepId?.Value)),
        [new OwnerChangeOn("k2", new DateOnly(2027, 1, 20), "w2", "w1", 1)]);

    private static StoredVisit Entry(int day, string account, string rep, string outcome = VisitOutcomes.Completed, decimal? sale = null) =>
        new($"{day}-{account}-{rep}", new LoggedVisit(new DateOnly(2027, 1, day), account, rep, outcome, sale, null), null, DateTimeOffset.UnixEpoch);

    private static readonly StoredVisit[] Log =
    [
        Entry(4, "k1", "w1"), // the log's first day
        Entry(19, "k1", "w1"), Entry(22, "k1", "w1"), Entry(21, "k2", "w1", sale: 1000m), Entry(20, "k3", "w2"), Entry(22, "k3", "w2"),
        Entry(23, "k4", "e1", VisitOutcomes.Cancelled), Entry(25, "k1", "w1", sale: 999m), // next week: neither counted nor credited
    ];

    /// <summary>A quota plan whose weeks are cut mid-week for e1 (14-20 and 21-27 January, 700 each) and whole for w2.</summary>
    private static QuotaPlan Quotas()
    {
        PeriodView Week(string id, int from, int to) => new(id, "week", new DateOnly(2027, 1, from), new DateOnly(2027, 1, to), 5, "2027-Q1", "2027-M01");
        RepQuota Rep(string id, params PeriodAmount[] weeks) => new(new RepId(id), weeks.Sum(w => w.Amount), 0, 1, null, null, [], [], weeks);
        return new QuotaPlan(0, 0, "USD", [Week("X1", 14, 20), Week("X2", 21, 27), Week("W03", 18, 24)],
            [Rep("e1", new PeriodAmount("X1", 700), new PeriodAmount("X2", 700)), Rep("w2", new PeriodAmount("W03", 4000))], []);
    }

    [Fact]
    public void Report_CountsPlannedAndDoneByTier_NewProspects_CreditedSalesAgainstQuota_AndOverdueAccounts()
    {
        var monday = WeeklyReportBuilder.MondayOf("2027-W03")!.Value;

        var report = WeeklyReportBuilder.Build("2027-W03", monday, new WeeklyReportInputs(Book, Owners, Log, Policy, Quotas()));

        Assert.Equal((new DateOnly(2027, 1, 18), new DateOnly(2027, 1, 24)), (report.From, report.To));
        var reps = report.Reps.ToDictionary(r => r.RepId);
        // Planned from the owners on Monday: w1 owns k1 (A, 2) and k2 (B, 1); w2 k3 (prospect, 1); e1 k4 (A, 2).
        Assert.Equal((3, 1, 2), (reps["w1"].Totals.Planned, reps["w2"].Totals.Planned, reps["e1"].Totals.Planned));
        // Done for the rep who visited: w1 saw k1 twice and k2 once (after k2 moved), w2 saw the prospect twice; e1's visit was cancelled.
        Assert.Equal([("A", 2, 2), ("B", 1, 1), ("prospect", 0, 0)], reps["w1"].Totals.Tiers.Select(t => (t.Tier, t.Planned, t.Done)));
        Assert.Equal((3, 2, 0), (reps["w1"].Totals.Done, reps["w2"].Totals.Done, reps["e1"].Totals.Done));
        Assert.Equal((0, 1), (reps["w1"].Totals.NewProspectsVisited, reps["w2"].Totals.NewProspectsVisited));
        // w1 logged the sale of k2 on Thursday, when w2 owned it: credited to w2; the sale of the 25th is next week's.
        Assert.Equal((0m, 1000m), (reps["w1"].Totals.Sales, reps["w2"].Totals.Sales));
        Assert.Equal((4000m, 0.25), (reps["w2"].Totals.Quota!.Value, reps["w2"].Totals.Attainment!.Value));
        Assert.Equal(700m * 3 / 7 + 700m * 4 / 7, reps["e1"].Totals.Quota);
        Assert.Equal(0m, reps["w1"].Totals.Quota);
        // k4 was never visited since the log began on the 4th: 20 days, more than A's 4.
        var overdue = Assert.Single(reps["e1"].OverdueAccounts);
        Assert.Equal(("k4", (DateOnly?)null, 20, 4), (overdue.AccountId, overdue.LastVisit, overdue.DaysSince, overdue.IntervalDays));
        Assert.Empty(reps["w1"].OverdueAccounts);
        // Units sum their reps at every level; the team sums everyone.
        var units = report.OrgUnits.ToDictionary(u => u.OrgUnitId);
        Assert.Equal((4, 5, 1000m, 4000m), (units["west"].Totals.Planned, units["west"].Totals.Done, units["west"].Totals.Sales, units["west"].Totals.Quota!.Value));
        Assert.Equal(units["west"].Totals with { Tiers = [] }, units["west-a"].Totals with { Tiers = [] });
        Assert.Equal(units["west"].Totals.Tiers, units["west-a"].Totals.Tiers);
        Assert.Equal((2, 0, 1), (units["east"].Totals.Planned, units["east"].Totals.Done, units["east"].Totals.Overdue));
        Assert.Equal((6, 5, 1, 1), (report.Team.Planned, report.Team.Done, report.Team.NewProspectsVisited, report.Team.Overdue));
    }

    [Fact]
    public void WithoutPolicyOrQuotaPlan_NothingIsPlannedOrOverdue_AndThereIsNoQuota()
    {
        var report = WeeklyReportBuilder.Build("2027-W03", new DateOnly(2027, 1, 18), new WeeklyReportInputs(Book, Owners, Log, null, null));

        Assert.Equal((0, 5, 0), (report.Team.Planned, report.Team.Done, report.Team.Overdue));
        Assert.Null(report.Team.Quota);
        Assert.Equal(1000m, report.Team.Sales);
    }

    [Theory]
    [InlineData("2027-W03", "2027-01-18")]
    [InlineData("2026-W53", "2026-12-28")]
    [InlineData("2027-W53", null)]
    [InlineData("2027-03", null)]
    [InlineData("27-W03", null)]
    public void IsoWeeks_AreReadOrRefused(string week, string? monday) =>
        Assert.Equal(monday is null ? null : DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), WeeklyReportBuilder.MondayOf(week));
}
