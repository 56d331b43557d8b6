using Territories.Domain.Model;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;

namespace Territories.Planning.Tests.Quotas;

/// <summary>Quota relief: published moves shift the quota an account carried from its day on, and nothing else.</summary>
public class QuotaReliefTests
{
    private static QuotaPlan Plan(int reps, CalendarKind calendar, int seed)
    {
        var random = new Random(seed);
        var request = new QuotaRequest(random.Next(1, 100) * 100_000m + 0.37m, "USD", new DateOnly(2027, 1, 1), calendar, DayOfWeek.Monday,
            WorkingTime.MondayToFriday, new Seasonality([7, 7, 9, 8, 8, 9, 7, 7, 9, 9, 9, 11]),
            Enumerable.Range(0, reps).Select(i => new QuotaRep(new RepId($"r{i}"), random.Next(1, 20) * 50_000m, null, null, null)).ToList(),
            QuotaMethod.Default, [], 100m, []);
        return QuotaPlanner.Plan(request);
    }

    private static Dictionary<(RepId Rep, string Period), decimal> Amounts(QuotaPlan plan) =>
        plan.Reps.SelectMany(r => r.Quarters.Concat(r.Months).Concat(r.Weeks).Select(a => ((r.RepId, a.Period), a.Amount))).ToDictionary(x => x.Item1, x => x.Amount);

    [Fact]
    public void OneMove_OnAMonday_MovesTheSharedPartOfEveryLaterWeekAndKeepsEarlierPeriods()
    {
        var plan = Plan(3, CalendarKind.Months, 7);
        var move = new QuotaMove("a1", new RepId("r0"), new RepId("r1"), new DateOnly(2027, 7, 5), 0.25);

        var (relieved, relief) = QuotaReliever.Apply(plan, [move]);

        var before = plan.Reps.Single(r => r.RepId.Value == "r0");
        var after = relieved.Reps.Single(r => r.RepId.Value == "r0");
        var gainer = relieved.Reps.Single(r => r.RepId.Value == "r1");
        Assert.Equal(before.Quarters.Take(2).Select(q => q.Amount), after.Quarters.Take(2).Select(q => q.Amount));
        var july = before.Weeks.Single(w => plan.Periods.Single(p => p.Id == w.Period).Start == new DateOnly(2027, 7, 5));
        Assert.Equal(Math.Round(july.Amount * 0.75m, 2, MidpointRounding.AwayFromZero), after.Weeks.Single(w => w.Period == july.Period).Amount);
        Assert.Equal(before.Annual - after.Annual, relief.Single().Amount);
        Assert.Equal(plan.Reps.Single(r => r.RepId.Value == "r1").Annual + relief.Single().Amount, gainer.Annual);
        Assert.Equal(plan.Total, relieved.Reps.Sum(r => r.Annual));
    }

    /// <summary>Any sequence of moves (to reps in the plan and to a new rep, mid-week days included).</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnySequenceOfMoves_KeepsTotals_LeavesEarlierPeriods_AndLossEqualsGain(int seed)
    {
        var random = new Random(seed);
        var plan = Plan(random.Next(2, 8), random.Next(2) == 0 ? CalendarKind.Months : CalendarKind.FourFourFive, seed);
        var reps = plan.Reps.Select(r => r.RepId).Append(new RepId("hire")).ToList();
        var moves = Enumerable.Range(0, random.Next(1, 12)).Select(i =>
        {
            var from = plan.Reps[random.Next(plan.Reps.Count)].RepId;
            var to = reps.Where(r => r != from).ElementAt(random.Next(reps.Count - 1));
            return new QuotaMove($"a{i}", from, to, new DateOnly(2027, 1, 1).AddDays(random.Next(0, 380)), Math.Round(random.NextDouble(), 3));
        }).ToList();
        var original = Amounts(plan);

        var current = plan;
        foreach (var move in moves.OrderBy(m => m.Effective))
        {
            var (next, relief) = QuotaReliever.Apply(current, [move]);
            var (was, now) = (Amounts(current), Amounts(next));
            foreach (var period in plan.Periods)
            {
                var loss = was[(move.FromRepId, period.Id)] - now[(move.FromRepId, period.Id)];
                var gain = now[(move.ToRepId, period.Id)] - was.GetValueOrDefault((move.ToRepId, period.Id));
                Assert.Equal(loss, gain);
                Assert.True(loss >= 0, $"{period.Id}: the old rep gained");
                if (period.End < move.Effective) Assert.Equal(0m, loss);
                foreach (var rep in next.Reps.Where(r => r.RepId != move.FromRepId && r.RepId != move.ToRepId))
                    Assert.Equal(was[(rep.RepId, period.Id)], now[(rep.RepId, period.Id)]);
            }
            Assert.Equal(relief.Single().Amount, next.Reps.Single(r => r.RepId == move.ToRepId).Annual - (current.Reps.FirstOrDefault(r => r.RepId == move.ToRepId)?.Annual ?? 0));
            current = next;
        }

        var final = Amounts(current);
        var first = moves.Min(m => m.Effective);
        foreach (var period in plan.Periods)
        {
            Assert.Equal(plan.Reps.Sum(r => original[(r.RepId, period.Id)]), current.Reps.Sum(r => final[(r.RepId, period.Id)]));
            if (period.End < first) Assert.All(plan.Reps, r => Assert.Equal(original[(r.RepId, period.Id)], final[(r.RepId, period.Id)]));
        }
        Assert.Equal(plan.Total, current.Reps.Sum(r => r.Annual));
        QuotaChecks.AssertExact(current with { Total = plan.Total }, 0.01m);
        Assert.All(current.Reps, r => Assert.Equal(r.Annual, r.Quarters.Sum(q => q.Amount)));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Fact]
    public void ShareOf_BlendsPotentialAndHistoryAsQuotasDo()
    {
        Assert.Equal(0.25, QuotaMove.ShareOf(100, 400, null, null, 0.6, 0.4), 9);
        Assert.Equal(0.6 * 0.25 + 0.4 * 0.5, QuotaMove.ShareOf(100, 400, 50, 100, 0.6, 0.4), 9);
    }
}
