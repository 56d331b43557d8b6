using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.AccountAssignment.RandomKnapsacks;

namespace Territories.Planning.Tests.AccountAssignment;

public class ColumnsWithinLossTests
{
    /// <summary>
    /// The sets a rep may hold in a plan within a budget of its best knapsack: exactly the subsets that fit and lose no
    /// more than the budget, each with its loss, as every subset tried says (the exact search's columns).
    /// </summary>
    [Fact]
    public void Enumerate_ReturnsEveryFittingSetWithinTheBudget_AndNoOther()
    {
        var random = new Random(9);
        for (var trial = 0; trial < 60; trial++)
        {
            var (weights, profits, capacity) = Items(random, mostItems: 10);
            var count = weights.Length;
            var budget = random.NextDouble() * 12;
            double Profit(int set) => Members(set, count).Sum(i => profits[i]);
            var best = Fitting(weights, capacity).Max(Profit);
            var expected = Fitting(weights, capacity).Where(set => best - Profit(set) <= budget + 1e-9)
                .ToDictionary(set => string.Join(',', Members(set, count)), set => best - Profit(set));

            var sets = ColumnsWithinLoss.Enumerate(weights, profits, capacity, budget, most: 10_000)!;

            Assert.Equal(expected.Keys.Order(), sets.Select(s => string.Join(',', s.Items)).Order());
            foreach (var set in sets) Assert.Equal(expected[string.Join(',', set.Items)], set.Loss, 9);
        }
    }

    [Fact]
    public void Enumerate_GivesUp_WhenThereAreMoreSetsThanAllowed()
    {
        // Eight items of no weight and no profit: all 256 subsets lose nothing.
        var weights = new int[8];
        var profits = new double[8];

        Assert.Null(ColumnsWithinLoss.Enumerate(weights, profits, capacity: 5, budget: 0, most: 255));
        Assert.Equal(256, ColumnsWithinLoss.Enumerate(weights, profits, capacity: 5, budget: 0, most: 256)!.Count);
    }
}
