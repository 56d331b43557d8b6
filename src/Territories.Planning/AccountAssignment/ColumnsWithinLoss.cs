namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Every set of one rep's accounts that fits its capacity and loses at most a budget against the rep's best knapsack at
/// given prices (<see cref="Knapsack"/>): at the Lagrangian prices of a generalised assignment book, a plan's objective is
/// the Lagrangian bound plus what each rep's set loses against its best knapsack, so a plan below an objective is made of
/// such sets only (<see cref="CoverWithinTheGap"/>). A depth-first walk over the accounts, take or skip, cut where even the
/// best completion (a table of the best profits of the accounts after each, within each room) loses more than the
/// budget: every branch it walks ends in a set it returns.
/// </summary>
internal static class ColumnsWithinLoss
{
    private const double Tolerance = 1e-7;

    /// <summary>A rep's set of accounts (indices into the rep's items) and what it loses against the best knapsack.</summary>
    public sealed record Set(int[] Items, double Loss);

    /// <summary>
    /// The sets within <paramref name="budget"/> of the best knapsack (the empty set among them when the best profit is
    /// within it), or null when there are more than <paramref name="most"/>.
    /// </summary>
    public static List<Set>? Enumerate(IReadOnlyList<int> weights, IReadOnlyList<double> profits, int capacity, double budget, int most)
    {
        var count = weights.Count;
        var bestAfter = new double[count + 1][];
        bestAfter[count] = new double[capacity + 1];
        for (var i = count - 1; i >= 0; i--) bestAfter[i] = Knapsack.WithItem(bestAfter[i + 1], weights[i], profits[i]);
        var best = bestAfter[0][capacity];
        var sets = new List<Set>();
        var taken = new List<int>();
        return Walk(0, capacity, 0) ? sets : null;

        // False once there are too many sets.
        bool Walk(int item, int room, double profit)
        {
            if (best - (profit + bestAfter[item][room]) > budget + Tolerance) return true;
            if (item == count)
            {
                sets.Add(new Set([.. taken], Math.Max(0, best - profit)));
                return sets.Count <= most;
            }
            if (weights[item] <= room)
            {
                taken.Add(item);
                var go = Walk(item + 1, room - weights[item], profit + profits[item]);
                taken.RemoveAt(taken.Count - 1);
                if (!go) return false;
            }
            return Walk(item + 1, room, profit);
        }
    }
}
