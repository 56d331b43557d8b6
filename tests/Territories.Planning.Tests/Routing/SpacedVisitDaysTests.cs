using Territories.Planning.Routing;

namespace Territories.Planning.Tests.Routing;

/// <summary>The evenly spaced day sets of a customer due several visits, checked against a brute-force enumeration.</summary>
public sealed class SpacedVisitDaysTests
{
    /// <summary>Every set of days (as a bit mask over <paramref name="days"/>) the rule allows, by enumeration.</summary>
    private static IEnumerable<int[]> AllAllowed(SpacedVisitDays rule, int days) =>
        Enumerable.Range(1, (1 << days) - 1).Select(mask => Enumerable.Range(0, days).Where(d => (mask & (1 << d)) != 0).ToArray()).Where(rule.Allows);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Cheapest_IsTheMostVisitsThatFit_AtTheLeastCost_AsEnumerationFindsThem(int seed)
    {
        var random = new Random(seed);
        const int days = 12;
        var visits = 1 + random.Next(5);
        var allowed = Enumerable.Range(0, days).Select(_ => random.Next(4) > 0).ToArray();
        var rule = new SpacedVisitDays(visits, days / visits - 1, allowed, 1_000);
        var cost = Enumerable.Range(0, days).Select(_ => random.Next(5) == 0 ? VisitDays.Impossible : random.Next(100)).ToArray();

        var chosen = rule.Cheapest(cost);

        var feasible = AllAllowed(rule, days).Where(set => set.All(d => cost[d] != VisitDays.Impossible)).ToList();
        if (feasible.Count == 0)
        {
            Assert.Null(chosen);
            return;
        }
        Assert.NotNull(chosen);
        Assert.True(rule.Allows(chosen));
        var most = feasible.Max(set => set.Length);
        Assert.Equal(most, chosen.Length);
        Assert.Equal(feasible.Where(set => set.Length == most).Min(set => set.Sum(d => cost[d])), chosen.Sum(d => cost[d]));
        Assert.Equal((visits - most) * 1_000L, rule.Shortfall(chosen));
    }

    [Fact]
    public void Allows_OneVisitPerSliceAtLeastTheGapApart_OnAllowedDaysOnly()
    {
        var allowed = Enumerable.Repeat(true, 20).ToArray();
        allowed[7] = false;
        var rule = new SpacedVisitDays(4, 4, allowed, 1);

        Assert.True(rule.Allows([0, 5, 10, 15]));
        Assert.True(rule.Allows([4, 9, 14, 19]));
        Assert.False(rule.Allows([0, 1, 10, 15]));   // two in the first slice
        Assert.False(rule.Allows([4, 5, 10, 15]));   // one day apart
        Assert.False(rule.Allows([0, 7, 10, 15]));   // day 7 not allowed
        Assert.True(rule.Allows([0, 10]));           // fewer visits: two slices of ten days
        Assert.False(rule.Allows([0, 5, 10, 15, 19])); // more than due
        Assert.Equal(4, rule.MostThatFit());
    }
}
