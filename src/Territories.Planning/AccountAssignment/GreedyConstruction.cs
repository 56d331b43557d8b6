namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Builds a plan fast. Accounts with a single candidate go first; with a balance band, reps then take turns (the least
/// filled first) picking the account they are relatively best placed to serve until each reaches the band's lower side;
/// then a regret greedy gives every other account (fewest options and most to lose first) its cheapest rep with room.
/// A repair makes every hard rule hold and a relocate search polishes the result: the first plan and the CP-SAT hint.
/// </summary>
internal static class GreedyConstruction
{
    /// <param name="preferred">Optional preferred rep per account (e.g. the LP relaxation rounded); -1 for none.</param>
    public static AssignmentState Build(AssignmentData data, int[]? preferred, ConstructionBudget budget)
    {
        var state = new AssignmentState(data);
        for (var a = 0; a < data.AccountCount; a++)
            if (data.Candidates[a].Length == 1) state.Assign(a, 0);
        if (data.Band is not null) FillLowerBands(data, state, preferred);
        foreach (var a in Order(data).Where(a => state.Slot[a] < 0))
            state.Assign(a, Choose(data, state, a, preferred is null ? -1 : preferred[a]));
        new Repair(data, state).Run(budget.Repair);
        LocalSearch.Relocate(data, state, budget.Polish);
        return state;
    }

    /// <summary>Reps below the band's lower side take turns picking the unassigned account whose regret at them is smallest.</summary>
    private static void FillLowerBands(AssignmentData data, AssignmentState state, int[]? preferred)
    {
        var choices = Enumerable.Range(0, data.RepCount).Select(_ => new List<(int Account, int Slot, double Regret)>()).ToArray();
        for (var a = 0; a < data.AccountCount; a++)
            for (var s = 0; s < data.Candidates[a].Length; s++)
            {
                var r = data.Candidates[a][s];
                var regret = preferred is not null && preferred[a] == r ? double.MinValue : data.Cost[a][s] - data.Cost[a][0];
                choices[r].Add((a, s, regret));
            }
        foreach (var list in choices) list.Sort((x, y) => x.Regret.CompareTo(y.Regret));
        var next = new int[data.RepCount];
        var queue = new PriorityQueue<int, double>();
        for (var r = 0; r < data.RepCount; r++) queue.Enqueue(r, Filled(data, state, r));
        while (queue.TryDequeue(out var r, out var filled))
        {
            if (filled >= 1) break;
            var list = choices[r];
            while (next[r] < list.Count && !CanTake(state, list[next[r]])) next[r]++;
            if (next[r] == list.Count) continue;
            var (account, slot, _) = list[next[r]++];
            state.Assign(account, slot);
            queue.Enqueue(r, Filled(data, state, r));
        }
    }

    private static bool CanTake(AssignmentState state, (int Account, int Slot, double Regret) choice) =>
        state.Slot[choice.Account] < 0 && state.Fits(choice.Account, choice.Slot) && state.MoveBudgetAllows(choice.Account, choice.Slot);

    private static double Filled(AssignmentData data, AssignmentState state, int rep)
    {
        var lower = state.Lower(data.Band!, rep);
        return lower > 0 ? state.MetricSum[rep] / lower : double.MaxValue;
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
        return state.RoomiestSlot(account);
    }
}
