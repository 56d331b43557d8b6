using Territories.Domain.Model;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;

namespace Territories.Planning.Tests.Quotas;

public class QuotaPlannerTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static QuotaRequest Request(IReadOnlyList<QuotaRep> reps, decimal goal = 1_000_000m, CalendarKind calendar = CalendarKind.Months,
        QuotaMethod? method = null, IReadOnlyList<double>? ramp = null, decimal rounding = 100m, Seasonality? seasonality = null,
        IReadOnlyList<Actual>? actuals = null) =>
        new(goal, "USD", D(2027, 1, 1), calendar, DayOfWeek.Monday, WorkingTime.MondayToFriday, seasonality ?? Seasonality.Flat,
            reps, method ?? new QuotaMethod(1, 0, null, null, 0), ramp ?? [], rounding, actuals ?? []);

    private static QuotaRep Rep(string id, decimal potential = 100, decimal? lastYear = null, DateOnly? start = null, DateOnly? end = null) =>
        new(new RepId(id), potential, lastYear, start, end);

    [Fact]
    public void Plan_RepStartingInAprilWithThreeMonthRamp_GetsItsProductiveShare()
    {
        // Flat seasonality, equal potential. The April starter works 0.25 + 0.5 + 0.75 + 6 = 7.5 of 12 months:
        // targets in the ratio 1 : 0.625 of 1,625,000.
        var plan = QuotaPlanner.Plan(Request([Rep("full"), Rep("new", start: D(2027, 4, 1))], goal: 1_625_000m, ramp: [0.25, 0.5, 0.75]));

        var full = plan.Reps[0];
        var hire = plan.Reps[1];
        Assert.Equal(1_000_000m, full.Annual);
        Assert.Equal(625_000m, hire.Annual);
        Assert.Equal(0.625, hire.ProductiveShare, 9);
        var months = hire.Months.Select(m => m.Amount).ToList();
        Assert.Equal([0m, 0m, 0m], months.Take(3));
        Assert.True(months[3] < months[4] && months[4] < months[5] && months[5] < months[6]);
        // After the ramp every month carries the same share: 625,000 / 7.5 each.
        Assert.InRange(months[8], 83_300m, 83_400m);
        Assert.All(hire.Weeks.Where(w => plan.Periods.Single(p => p.Id == w.Period).End < D(2027, 4, 1)), w => Assert.Equal(0m, w.Amount));
    }

    [Fact]
    public void Plan_ContractExample_AddsUpExactlyAtEveryLevel()
    {
        var reps = new[]
        {
            Rep("r1", 900_000, 800_000), Rep("r2", 1_400_000, 1_300_000), Rep("r3", 2_600_000, 2_100_000),
            Rep("r4", 1_500_000, start: D(2027, 4, 12)), Rep("r5", 1_200_000, 1_100_000, end: D(2027, 9, 30)),
        };
        var request = Request(reps, 12_000_000m, CalendarKind.FourFourFive, new QuotaMethod(0.6, 0.4, 0.0, 0.30, 0.05), [0.25, 0.5, 0.75],
            seasonality: new Seasonality([7, 7, 9, 8, 8, 9, 7, 7, 9, 9, 9, 11]));

        var plan = QuotaPlanner.Plan(request);

        Assert.Equal(12_600_000m, plan.Total);
        QuotaChecks.AssertExact(plan, 100m);
    }

    [Fact]
    public void Plan_GrowthBoundsThatCanHold_AreMet()
    {
        // By potential alone r1 would get 90% of the total; its last year caps it at 1.1 x 500,000.
        var request = Request([Rep("r1", 900, 500_000m), Rep("r2", 100, 450_000m)], goal: 1_000_000m,
            method: new QuotaMethod(1, 0, 0.0, 0.10, 0));

        var plan = QuotaPlanner.Plan(request);

        Assert.Equal(550_000m, plan.Reps[0].Annual);
        Assert.Equal(450_000m, plan.Reps[1].Annual);
        Assert.DoesNotContain(plan.Diagnostics, d => d.Code == QuotaDiagnosticCodes.OutsideGrowthBounds);
    }

    [Fact]
    public void Plan_GrowthBoundsThatCannotHold_ComesAsCloseAsItCanAndSaysWhoIsOutside()
    {
        // Both reps may grow at most 10% over 400,000: 880,000 at most, for a total of 1,000,000.
        var request = Request([Rep("r1", 100, 400_000m), Rep("r2", 100, 400_000m)], goal: 1_000_000m,
            method: new QuotaMethod(1, 0, 0.0, 0.10, 0));

        var plan = QuotaPlanner.Plan(request);

        Assert.Equal(1_000_000m, plan.Reps.Sum(r => r.Annual));
        var outside = plan.Diagnostics.Where(d => d.Code == QuotaDiagnosticCodes.OutsideGrowthBounds).ToList();
        Assert.NotEmpty(outside);
        Assert.Contains("above its maximum", outside[0].Message);
        Assert.Equal(120_000m, plan.Reps.Sum(r => r.Annual) - 880_000m);
    }

    [Fact]
    public void Plan_Actuals_RespreadTheRestOverOpenMonths()
    {
        // Flat year of 1,200,000 for one rep: 100,000 a month. It sold 50,000 in January and 250,000 in February.
        var request = Request([Rep("r1")], goal: 1_200_000m, actuals:
            [new Actual(new RepId("r1"), "2027-M01", 50_000m), new Actual(new RepId("r1"), "2027-M02", 250_000m)]);

        var plan = QuotaPlanner.Plan(request);

        var rep = plan.Reps[0];
        Assert.Equal(900_000m, rep.Remaining);
        Assert.Equal(50_000m, rep.Months[0].Amount);
        Assert.Equal(250_000m, rep.Months[1].Amount);
        Assert.All(rep.Months.Skip(2), m => Assert.Equal(90_000m, m.Amount));
        Assert.Equal(rep.Annual, rep.Months.Sum(m => m.Amount));
        Assert.Equal(rep.Annual, rep.Weeks.Sum(w => w.Amount));
    }

    [Fact]
    public void Plan_ActualsAboveTheYear_SaysTheRepIsAlreadyAboveTarget()
    {
        // Each rep's year is 600,000. By the end of June r1 has sold 700,000; r2 nothing, so it must sell twice its plan.
        var request = Request([Rep("r1"), Rep("r2")], goal: 1_200_000m, actuals: [new Actual(new RepId("r1"), "2027-M06", 700_000m)]);

        var plan = QuotaPlanner.Plan(request);

        Assert.Contains(plan.Diagnostics, d => d.Code == QuotaDiagnosticCodes.AlreadyAboveTarget && d.RepIds!.Contains(new RepId("r1")));
        Assert.Contains(plan.Diagnostics, d => d.Code == QuotaDiagnosticCodes.FarBehindTarget && d.RepIds!.Contains(new RepId("r2")));
    }

    [Fact]
    public void Plan_QuotaFarAboveWhatTheTerritoryHolds_IsFlagged()
    {
        // History says r1 sells a lot from little potential: its quota is far above its potential share.
        var request = Request([Rep("r1", 100, 900_000m), Rep("r2", 900, 100_000m), Rep("r3", 900, 100_000m)], goal: 1_000_000m,
            method: new QuotaMethod(0, 1, null, null, 0));

        var plan = QuotaPlanner.Plan(request);

        Assert.Contains(plan.Diagnostics, d => d.Code == QuotaDiagnosticCodes.QuotaAbovePotential && d.RepIds!.Contains(new RepId("r1")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Plan_RandomRequests_AreExactNonNegativeAndZeroOutsideEmployment(int seed)
    {
        var random = new Random(seed);
        var calendar = (CalendarKind)random.Next(4);
        var yearStart = calendar == CalendarKind.Months ? D(2025 + random.Next(4), 1 + random.Next(12), 1) : D(2025 + random.Next(4), 1 + random.Next(12), 1 + random.Next(28));
        var reps = Enumerable.Range(0, random.Next(1, 40)).Select(i =>
        {
            DateOnly? start = random.NextDouble() < 0.2 ? yearStart.AddDays(random.Next(-60, 300)) : null;
            DateOnly? end = random.NextDouble() < 0.15 ? (start ?? yearStart).AddDays(random.Next(30, 400)) : null;
            return Rep($"r{i}", Math.Round((decimal)(random.NextDouble() * 2_000_000), 2),
                random.NextDouble() < 0.8 ? Math.Round((decimal)(random.NextDouble() * 1_500_000), 2) : null, start, end);
        }).ToList();
        var rounding = new[] { 0.01m, 1m, 100m, 1000m }[random.Next(4)];
        var request = new QuotaRequest(Math.Round((decimal)(random.NextDouble() * 50_000_000), 2), "EUR", yearStart, calendar,
            (DayOfWeek)random.Next(7), WorkingTime.MondayToFriday,
            new Seasonality(Enumerable.Range(0, 12).Select(_ => 0.5 + random.NextDouble()).ToList()),
            reps, new QuotaMethod(random.NextDouble(), random.NextDouble() + 0.01, random.NextDouble() < 0.5 ? 0.0 : null, random.NextDouble() < 0.5 ? 0.3 : null, random.NextDouble() * 0.1),
            Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.NextDouble()).ToList(), rounding, []);

        var plan = QuotaPlanner.Plan(request);

        QuotaChecks.AssertExact(plan, rounding);
        var periods = plan.Periods.ToDictionary(p => p.Id);
        for (var i = 0; i < reps.Count; i++)
        {
            foreach (var week in plan.Reps[i].Weeks.Where(w => w.Amount != 0))
            {
                var period = periods[week.Period];
                Assert.False(reps[i].StartDate > period.End, $"{reps[i].Id} has {week.Amount} in {week.Period} before its start");
                Assert.False(reps[i].EndDate < period.Start, $"{reps[i].Id} has {week.Amount} in {week.Period} after its end");
            }
        }
        if (!plan.Diagnostics.Any(d => d.Code == QuotaDiagnosticCodes.OutsideGrowthBounds))
        {
            for (var i = 0; i < reps.Count; i++)
            {
                if (reps[i].LastYear is not { } last || reps[i].StartDate is not null || reps[i].EndDate is not null) continue;
                if (request.Method.MinGrowth is { } min) Assert.True(plan.Reps[i].Annual >= last * (decimal)(1 + min) - rounding);
                if (request.Method.MaxGrowth is { } max) Assert.True(plan.Reps[i].Annual <= last * (decimal)(1 + max) + rounding);
            }
        }
    }
}
