using Territories.Domain.Actuals;
using Territories.Domain.Model;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;

namespace Territories.Planning.Tests.Quotas;

/// <summary>
/// Relief wired to publications: the moves a dataset's publications made, with each account's share of its old rep's book
/// at the time, relieve the quota plan in force. Property cases over generated books and sequences of publications.
/// </summary>
public class PublishedReliefTests
{
    private sealed record Book(OwnerTimeline Owners, Dictionary<string, AccountValue> Values, QuotaPlan Plan, List<DateOnly> Days);

    /// <summary>A book of accounts with owners, its quota plan, and publications made one after another as the store records them.</summary>
    private static Book Generate(int seed, int publications)
    {
        var random = new Random(seed);
        var reps = Enumerable.Range(0, random.Next(2, 6)).Select(i => $"r{i}").ToList();
        var accounts = Enumerable.Range(0, random.Next(6, 40)).Select(i => $"a{i}").ToList();
        var values = accounts.ToDictionary(a => a, _ => new AccountValue(random.Next(1, 100) * 1_000m, random.Next(0, 60) * 1_000m));
        var initial = accounts.Select(a => (a, (string?)reps[random.Next(reps.Count)])).ToList();
        var changes = new List<OwnerChangeOn>();
        var days = new List<DateOnly>();
        for (var seq = 1; seq <= publications; seq++)
        {
            var day = new DateOnly(2027, 1, 4).AddDays(random.Next(0, 350));
            days.Add(day);
            var before = new OwnerTimeline(initial, changes);
            foreach (var account in accounts.Where(_ => random.NextDouble() < 0.3))
            {
                var from = before.OwnerOn(account, day);
                var to = reps[random.Next(reps.Count)];
                if (to != from) changes.Add(new OwnerChangeOn(account, day, to, from, seq));
            }
        }
        var potential = reps.ToDictionary(r => r, r => initial.Where(a => a.Item2 == r).Sum(a => values[a.a].Potential));
        var request = new QuotaRequest(random.Next(10, 100) * 100_000m, "USD", new DateOnly(2027, 1, 1), random.Next(2) == 0 ? CalendarKind.Months : CalendarKind.FourFourFive,
            DayOfWeek.Monday, WorkingTime.MondayToFriday, Seasonality.Flat,
            reps.Select(r => new QuotaRep(new RepId(r), Math.Max(1_000m, potential[r]), null, null, null)).ToList(), QuotaMethod.Default, [], 100m, []);
        return new Book(new OwnerTimeline(initial, changes), values, QuotaPlanner.Plan(request), days);
    }

    private static Dictionary<(string Rep, string Period), decimal> Amounts(QuotaPlan plan) =>
        plan.Reps.SelectMany(r => r.Quarters.Concat(r.Months).Concat(r.Weeks).Select(a => ((r.RepId.Value, a.Period), a.Amount))).ToDictionary(x => x.Item1, x => x.Amount);

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AfterAnySequenceOfPublications_PeriodTotalsHold_EarlierPeriodsAreUntouched_AndLossEqualsGain(int seed)
    {
        var book = Generate(seed, 1 + seed % 4);
        var moves = PublishedMoves.Of(book.Owners, 0, book.Values, QuotaMethod.Default, book.Plan.Reps.Select(r => r.RepId.Value).ToHashSet());

        var (relieved, relief) = QuotaReliever.Apply(book.Plan, moves);

        var before = Amounts(book.Plan);
        var after = Amounts(relieved);
        foreach (var period in book.Plan.Periods)
            Assert.Equal(before.Where(x => x.Key.Period == period.Id).Sum(x => x.Value), after.Where(x => x.Key.Period == period.Id).Sum(x => x.Value));
        var first = book.Owners.Changes.Count == 0 ? DateOnly.MaxValue : book.Owners.Changes.Min(c => c.From);
        foreach (var period in book.Plan.Periods.Where(p => p.End < first))
            foreach (var rep in book.Plan.Reps)
                Assert.Equal(before[(rep.RepId.Value, period.Id)], after[(rep.RepId.Value, period.Id)]);
        foreach (var rep in relieved.Reps)
        {
            var gained = relief.Where(r => r.ToRepId == rep.RepId).Sum(r => r.Amount) - relief.Where(r => r.FromRepId == rep.RepId).Sum(r => r.Amount);
            Assert.Equal(book.Plan.Reps.Single(r => r.RepId == rep.RepId).Annual + gained, rep.Annual);
        }
        Assert.Equal(book.Owners.Changes.Count, moves.Count);
    }

    [Fact]
    public void OnePublication_TakingSeveralAccountsFromARep_TakesTheirJointShareOfItsBook()
    {
        var owners = new OwnerTimeline([("a1", "r0"), ("a2", "r0"), ("a3", "r0"), ("a4", "r1")],
            [new OwnerChangeOn("a1", new DateOnly(2027, 7, 5), "r1", "r0", 1), new OwnerChangeOn("a2", new DateOnly(2027, 7, 5), "r1", "r0", 1)]);
        var values = new Dictionary<string, AccountValue> { ["a1"] = new(100, 0), ["a2"] = new(100, 0), ["a3"] = new(200, 0), ["a4"] = new(400, 0) };
        var request = new QuotaRequest(1_000_000m, "USD", new DateOnly(2027, 1, 1), CalendarKind.Months, DayOfWeek.Monday, WorkingTime.MondayToFriday, Seasonality.Flat,
            [new QuotaRep(new RepId("r0"), 400, null, null, null), new QuotaRep(new RepId("r1"), 400, null, null, null)], QuotaMethod.Default, [], 100m, []);
        var plan = QuotaPlanner.Plan(request);

        var moves = PublishedMoves.Of(owners, 0, values, QuotaMethod.Default, new HashSet<string> { "r0", "r1" });
        var (relieved, _) = QuotaReliever.Apply(plan, moves);

        // a1 and a2 are half of r0's potential: every week from 2027-07-05 on, r0 keeps half (to the cent per move).
        var week = plan.Periods.First(p => p.Kind == "week" && p.Start == new DateOnly(2027, 7, 5)).Id;
        var was = plan.Reps[0].Weeks.Single(w => w.Period == week).Amount;
        Assert.Equal(0.25, moves[0].Share, 10);
        Assert.Equal(1.0 / 3, moves[1].Share, 10);
        Assert.InRange(relieved.Reps[0].Weeks.Single(w => w.Period == week).Amount, was / 2 - 0.02m, was / 2 + 0.02m);
        Assert.Equal(plan.Reps[0].Months.Take(6), relieved.Reps[0].Months.Take(6));
    }

    [Fact]
    public void PublicationsBeforeThePlanWasPutInForce_DoNotRelieveIt_NorChangesFromAnAccountWithoutOwner()
    {
        var owners = new OwnerTimeline([("a1", "r0"), ("a2", null)],
            [new OwnerChangeOn("a1", new DateOnly(2027, 3, 1), "r1", "r0", 1), new OwnerChangeOn("a2", new DateOnly(2027, 5, 3), "r1", null, 2)]);
        var values = new Dictionary<string, AccountValue> { ["a1"] = new(100, 0), ["a2"] = new(100, 0) };

        Assert.Empty(PublishedMoves.Of(owners, 1, values, QuotaMethod.Default, new HashSet<string> { "r0", "r1" }));
        Assert.Single(PublishedMoves.Of(owners, 0, values, QuotaMethod.Default, new HashSet<string> { "r0", "r1" }));
    }
}
