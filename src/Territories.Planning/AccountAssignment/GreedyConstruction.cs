namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Builds a plan fast: a regret greedy (accounts with the fewest options and the most to lose go first, each to its
/// cheapest rep with room), then a repair that moves accounts until every hard rule holds, then a relocate local search.
/// The result is the first plan reported and the CP-SAT hint.
/// </summary>
internal static class GreedyConstruction
{
    /// <param name="preferred">Optional preferred rep per account (e.g. the LP relaxation rounded); -1 for none.</param>
    public static AssignmentState Build(AssignmentData data, int[]? preferred, CancellationToken cancel)
    {
        var state = new AssignmentState(data);
        foreach (var a in Order(data))
        {
            var slot = Choose(data, state, a, preferred is null ? -1 : preferred[a]);
            state.Assign(a, slot);
        }
        var repair = new Repair(data, state);
        repair.Run(cancel);
        LocalSearch.Relocate(data, state, cancel);
        return state;
    }

    private static IEnumerable<int> Order(AssignmentData data) =>
        Enumerable.Range(0, data.AccountCount)
            .OrderBy(a => data.Candidates[a].Length)
            .ThenByDescending(a => Regret(data, a))
            .ThenByDescending(a => data.Workload[a].Length > 0 ? data.Workload[a][0] : 0);

    private static double Regret(AssignmentData data, int account) =>
        data.Cost[account].Length > 1 ? data.Cost[account][1] - data.Cost[account][0] : double.MaxValue;

    private static int Choose(AssignmentData data, AssignmentState state, int account, int preferredRep)
    {
        var candidates = data.Candidates[account];
        if (preferredRep >= 0)
        {
            var p = Array.IndexOf(candidates, preferredRep);
            if (p >= 0 && state.Fits(account, p) && state.MoveBudgetAllows(account, p)) return p;
        }
        for (var s = 0; s < candidates.Length; s++)
            if (state.Fits(account, s) && state.MoveBudgetAllows(account, s)) return s;
        // Nothing has room: take the rep with the most spare capacity and let the repair sort it out.
        var best = 0;
        for (var s = 1; s < candidates.Length; s++)
            if (Spare(data, state, candidates[s]) > Spare(data, state, candidates[best])) best = s;
        return best;
    }

    private static double Spare(AssignmentData data, AssignmentState state, int rep) =>
        (data.Capacity[rep] - state.Load[rep]) / Math.Max(1, data.Capacity[rep]);
}
