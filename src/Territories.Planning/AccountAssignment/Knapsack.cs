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
}
