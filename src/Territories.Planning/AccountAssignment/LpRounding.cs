namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Rounds the LP relaxation where it stands: every account goes to the rep with its largest share (so every account the
/// LP assigns whole stays where the LP puts it), then the repair makes every hard rule hold and the relocate search
/// polishes. The LP's optimum breaks the rules only at the reps it splits accounts between (one account each, about),
/// so there is little to do and the plan keeps most of the LP's cost. The same is also done with the band's min-cost
/// flow, aimed at the band's edges themselves, before the repair, and the cheaper plan kept: the flow carries each rep's
/// excess along chains of neighbours to reps with room where the repair alone moves it hop by hop. On four 20,000 x 200
/// tuning books (seeds 1, 3, 4, 5) the flow took the linear cost from 1.9400, 2.5062, 1.9266, 1.7321 to 1.9349, 2.4968,
/// 1.9266, 1.7272; on a synthetic 1,500 x 15 book (seed 2) it cost 0.1% more than the repair alone.
/// </summary>
internal static class LpRounding
{
    public static AssignmentState Build(AssignmentData data, int[] preferred, ConstructionBudget budget)
    {
        var repaired = Rounded(data, preferred, budget, withFlow: false);
        if (data.Band is null) return repaired;
        var flowed = Rounded(data, preferred, budget, withFlow: true);
        return (flowed.Violation(), flowed.LinearCost).CompareTo((repaired.Violation(), repaired.LinearCost)) < 0 ? flowed : repaired;
    }

    private static AssignmentState Rounded(AssignmentData data, int[] preferred, ConstructionBudget budget, bool withFlow)
    {
        var state = new AssignmentState(data);
        for (var a = 0; a < data.AccountCount; a++)
        {
            var s = preferred[a] >= 0 ? data.IndexOf(a, preferred[a]) : -1;
            state.Assign(a, s >= 0 ? s : 0);
        }
        if (withFlow) BandRebalancing.Run(data, state, BandRebalancing.AtTheEdges);
        new Repair(data, state).Run(budget.Repair);
        LocalSearch.Relocate(data, state, budget.Polish);
        return state;
    }
}
