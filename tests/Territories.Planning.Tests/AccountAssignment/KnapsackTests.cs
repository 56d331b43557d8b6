using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.AccountAssignment.RandomKnapsacks;

namespace Territories.Planning.Tests.AccountAssignment;

public class KnapsackTests
{
    [Fact]
    public void Best_TakesTheMostProfitableItemsThatFit()
    {
        // 4 + 3 hours for 40 + 50 beats every other fit (5 + 4: 50, 4 + 6: 70, 6 + 3: 80).
        var (profit, taken) = Knapsack.Best([5, 4, 6, 3], [10, 40, 30, 50], capacity: 10);

        Assert.Equal(90, profit, 9);
        Assert.Equal([1, 3], taken.Order());
    }

    [Fact]
    public void Best_LeavesOutItemsOfNoProfitAndItemsLargerThanTheCapacity()
    {
        var (profit, taken) = Knapsack.Best([1, 2, 11, 3], [-5, 0, 100, 7], capacity: 10);

        Assert.Equal(7, profit, 9);
        Assert.Equal([3], taken);
    }

    [Fact]
    public void Best_AgreesWithEverySubsetTriedOnRandomItems()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var (weights, profits, capacity) = Items(random, mostItems: 10);
            var count = weights.Length;

            var (profit, taken) = Knapsack.Best(weights, profits, capacity);

            var best = Fitting(weights, capacity).Max(set => Members(set, count).Sum(i => profits[i]));
            Assert.Equal(best, profit, 9);
            Assert.True(taken.Sum(i => weights[i]) <= capacity);
            Assert.Equal(profit, taken.Sum(i => profits[i]), 9);
        }
    }

    /// <summary>
    /// With each item forced into the knapsack, the best the others add in the room it leaves, as every subset tried says:
    /// what reduced-cost fixing on the rep-column master reads (<see cref="RepColumnMaster.PairBounds"/>).
    /// </summary>
    [Fact]
    public void BestBesideEach_AgreesWithEverySubsetThatHoldsTheItem()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 50; trial++)
        {
            var (weights, profits, capacity) = Items(random, mostItems: 9);
            var count = weights.Length;

            var beside = Knapsack.BestBesideEach(weights, profits, capacity);

            for (var item = 0; item < count; item++)
            {
                var holding = Fitting(weights, capacity).Where(set => (set & (1 << item)) != 0)
                    .Select(set => Members(set, count).Where(i => i != item).Sum(i => profits[i])).ToList();
                if (holding.Count == 0) Assert.Equal(double.NegativeInfinity, beside[item]);
                else Assert.Equal(holding.Max(), beside[item], 9);
            }
        }
    }
}
