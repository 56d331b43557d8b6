namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Builds a first plan from today's, spending moves only where a rule asks for them: every account stays with its
/// current rep where that rep is a candidate; the accounts without a current rep (prospects, accounts of reps who left)
/// go, largest first, to the cheapest rep still under the band's lower side, else the cheapest with room; with a band,
/// <see cref="BandRebalancing"/> then moves the band's metric from reps above it to reps below it along chains of
/// neighbours; a rep still over capacity, max accounts or the band's upper side gives away the accounts that cost least
/// to move per unit of what it is over by, placed the same way. The repair closes the remaining gaps. With a move cap that binds, a construction from
/// scratch spends the whole cap on cheap moves before the band is met (measured: 1,425 of 1,425 moves spent and no
/// plan after its repair on a 10,000 x 112 book); this one starts at no moves.
/// </summary>
internal static class CurrentPlanConstruction
{
    /// <summary>True when enough accounts have a current rep among their candidates for today's plan to be a start.</summary>
    public static bool Applies(AssignmentData data) =>
        Enumerable.Range(0, data.AccountCount).Count(a => data.Current[a] >= 0 && data.IndexOf(a, data.Current[a]) >= 0) * 2 > data.AccountCount;

    public static AssignmentState Build(AssignmentData data, ConstructionBudget budget)
    {
        var state = new AssignmentState(data);
        for (var a = 0; a < data.AccountCount; a++)
        {
            if (data.Candidates[a].Length == 1) state.Assign(a, 0);
            else if (data.Current[a] >= 0 && data.IndexOf(a, data.Current[a]) is var s and >= 0) state.Assign(a, s);
        }
        if (data.Band is not null)
        {
            PlaceUnassigned(data, state);
            BandRebalancing.Run(data, state, BandRebalancing.InsideTheEdges);
        }
        var accountsOf = state.AccountsByRep();
        for (var r = 0; r < data.RepCount; r++) ShedOverflow(data, state, accountsOf[r]);
        PlaceUnassigned(data, state);
        new Repair(data, state).Run(budget.Repair);
        LocalSearch.Relocate(data, state, budget.Polish);
        return state;
    }

    /// <summary>Gives each account without a rep, largest first, the cheapest candidate under the band's lower side, else the cheapest with room.</summary>
    private static void PlaceUnassigned(AssignmentData data, AssignmentState state)
    {
        foreach (var a in Enumerable.Range(0, data.AccountCount).Where(a => state.Slot[a] < 0).OrderByDescending(a => data.MetricValue[a].Max()))
            state.Assign(a, Place(data, state, a));
    }

    /// <summary>Takes accounts off a rep over one of its upper limits, the cheapest to move per unit of metric first.</summary>
    private static void ShedOverflow(AssignmentData data, AssignmentState state, List<int> accounts)
    {
        if (accounts.Count == 0) return;
        var r = state.RepOf(accounts[0]);
        if (!IsOver(data, state, r)) return;
        var order = accounts.Where(a => data.Candidates[a].Length > 1)
            .OrderBy(a => MoveCost(data, state, a) / Math.Max(1e-9, data.MetricValue[a][state.Slot[a]]));
        foreach (var a in order)
        {
            if (!IsOver(data, state, r)) return;
            state.Remove(a);
        }
    }

    private static bool IsOver(AssignmentData data, AssignmentState state, int r) =>
        !data.Capacity.Allows(r, state.Load[r]) || data.MaxAccounts.Excess(r, state.Count[r]) > 0
        || data.Band is { } band && state.MetricSum[r] > state.Upper(band, r);

    /// <summary>The least extra objective cost of giving the account to another of its candidates.</summary>
    private static double MoveCost(AssignmentData data, AssignmentState state, int a)
    {
        var slot = state.Slot[a];
        var cheapestOther = slot == 0 ? data.Cost[a][1] : data.Cost[a][0];
        return Math.Max(0, cheapestOther - data.Cost[a][slot]);
    }

    /// <summary>The cheapest candidate under the band's lower side that takes the account, else the cheapest with room, else the roomiest.</summary>
    private static int Place(AssignmentData data, AssignmentState state, int a)
    {
        var candidates = data.Candidates[a];
        var withRoom = -1;
        for (var s = 0; s < candidates.Length; s++)
        {
            if (!state.Fits(a, s) || !state.MoveBudgetAllows(a, s)) continue;
            if (data.Band is { } band && state.MetricSum[candidates[s]] < state.Lower(band, candidates[s])) return s;
            if (withRoom < 0) withRoom = s;
        }
        return withRoom >= 0 ? withRoom : state.RoomiestSlot(a);
    }
}
