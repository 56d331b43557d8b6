namespace Territories.Planning.AccountAssignment;

/// <summary>The 0-1 knapsack by dynamic programming over whole units of weight: the most profitable items within a capacity.</summary>
internal static class Knapsack
{
    /// <summary>
    /// The best total profit of items whose weights fit in <paramref name="capacity"/>, and which items (indices into the
    /// two lists) give it. Weights are whole and at least 0; items of no profit are never taken.
    /// </summary>
    public static (double Profit, List<int> Taken) Best(IReadOnlyList<int> weights, IReadOnlyList<double> profits, int capacity)
    {
        var count = weights.Count;
        var best = new double[capacity + 1];
        var takes = new bool[count, capacity + 1];
        for (var i = 0; i < count; i++)
        {
            var (weight, profit) = (weights[i], profits[i]);
            if (profit <= 0 || weight > capacity) continue;
            for (var room = capacity; room >= weight; room--)
            {
                var with = best[room - weight] + profit;
                if (with <= best[room]) continue;
                best[room] = with;
                takes[i, room] = true;
            }
        }
        var taken = new List<int>();
        for (int i = count - 1, room = capacity; i >= 0; i--)
        {
            if (!takes[i, room]) continue;
            taken.Add(i);
            room -= weights[i];
        }
        return (best[capacity], taken);
    }

    /// <summary>
    /// For each item, the best total profit of the other items within the room it leaves (the capacity less its weight):
    /// what the knapsack earns when that item must be in it, less its own profit. Negative infinity for an item heavier
    /// than the capacity. From the best profits of the items before and after each, so all of them in three passes.
    /// </summary>
    public static double[] BestBesideEach(IReadOnlyList<int> weights, IReadOnlyList<double> profits, int capacity)
    {
        var count = weights.Count;
        var before = new double[count + 1][];
        before[0] = new double[capacity + 1];
        for (var i = 0; i < count; i++) before[i + 1] = WithItem(before[i], weights[i], profits[i]);
        var after = new double[capacity + 1];
        var beside = new double[count];
        for (var i = count - 1; i >= 0; i--)
        {
            var room = capacity - weights[i];
            beside[i] = double.NegativeInfinity;
            for (var c = 0; c <= room; c++) beside[i] = Math.Max(beside[i], before[i][c] + after[room - c]);
            after = WithItem(after, weights[i], profits[i]);
        }
        return beside;
    }

    /// <summary>The best profits within each room (at most that much weight) once one more item may be taken.</summary>
    public static double[] WithItem(double[] best, int weight, double profit)
    {
        var next = (double[])best.Clone();
        if (profit <= 0) return next;
        for (var room = weight; room < next.Length; room++) next[room] = Math.Max(next[room], best[room - weight] + profit);
        return next;
    }
}
