namespace Territories.Planning.Tests.AccountAssignment;

/// <summary>Small random knapsacks and their subsets, for the tests that check a knapsack routine against every subset.</summary>
internal static class RandomKnapsacks
{
    /// <summary>Up to <paramref name="mostItems"/> items of 0-14 hours and -5 to 15 profit, and a capacity of 0-39 hours.</summary>
    public static (int[] Weights, double[] Profits, int Capacity) Items(Random random, int mostItems)
    {
        var count = random.Next(1, mostItems + 1);
        var weights = Enumerable.Range(0, count).Select(_ => random.Next(0, 15)).ToArray();
        var profits = Enumerable.Range(0, count).Select(_ => random.NextDouble() * 20 - 5).ToArray();
        return (weights, profits, random.Next(0, 40));
    }

    /// <summary>The items in a subset of <paramref name="count"/> items written as a bit set.</summary>
    public static IEnumerable<int> Members(int set, int count) => Enumerable.Range(0, count).Where(i => (set & (1 << i)) != 0);

    /// <summary>Every subset of the items whose weights fit the capacity, as bit sets.</summary>
    public static IEnumerable<int> Fitting(int[] weights, int capacity) =>
        Enumerable.Range(0, 1 << weights.Length).Where(set => Members(set, weights.Length).Sum(i => weights[i]) <= capacity);
}
