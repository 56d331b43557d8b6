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
/// <para>
/// The repair may score its moves by the LP's reduced costs instead of the pairs' costs: a move the LP is indifferent
/// about is then nearly free, and one into a rep whose band or capacity the LP prices high is dear, where by cost alone
/// the repair spent the room the rest of the plan needed. The better of the two plans then takes the swap search
/// (<see cref="LocalSearch.Swap"/>): at the band's edges most single moves are shut, and an exchange of two accounts
/// between two reps is what lowers the cost. Linear cost of the plan on the 20,000 x 200 tuning books (seeds 1-5; the
/// LP's linear part about 1.908, 1.944, 2.454, 1.908, 1.714), before, with the reduced costs, and with the swaps as well:
/// south 1.9288, 1.9270, 1.9239; midwest 1.9547, 1.9551, 1.9530; west 2.5011, 2.4854, 2.4789; plains 1.9264, 1.9206,
/// 1.9194; northeast 1.7288, 1.7259, 1.7240 (and 10,000 x 112 west 2.0504 to 2.0464, 4,000 x 45 midwest 1.7872 to
/// 1.7742, both). The flow keeps the pairs' costs: with the reduced costs it took the western book to 2.4904.
/// </para>
/// <para>
/// The repair of the rounding without the flow also weighs, once the move cap is spent, a move paid by a move back against
/// the moves that leave the cap as it is (<see cref="Repair"/>'s pairsMoveBacks). The LP spends the cap exactly, so
/// nearly every repairing move of its rounding meets a full cap; by the cap-neutral moves alone the western 20,000 x 200
/// tuning book (w3) paid 0.040 of linear cost for 270 moves, 2.4854 after the polish, and 2.4788 with the pairs weighed
/// (2.4727 after the swaps, against 2.4789). The flow's plan keeps the repair without them: with them its repair on the
/// north-eastern tuning book (seed 5, 25 s) ended short of the band, and without them it gives that book's better plan.
/// </para>
/// </summary>
internal static class LpRounding
{
    /// <param name="repairCost">What a pair costs the repair (the LP's reduced cost: see the summary), or null for its cost.</param>
    public static AssignmentState Build(AssignmentData data, int[] preferred, ConstructionBudget budget, Func<int, int, double>? repairCost = null)
    {
        var best = Rounded(data, preferred, budget, withFlow: false, repairCost);
        if (data.Band is not null)
        {
            var flowed = Rounded(data, preferred, budget, withFlow: true, repairCost);
            if ((flowed.Violation(), flowed.LinearCost).CompareTo((best.Violation(), best.LinearCost)) < 0) best = flowed;
        }
        LocalSearch.Swap(data, best, budget.Polish);
        return best;
    }

    private static AssignmentState Rounded(AssignmentData data, int[] preferred, ConstructionBudget budget, bool withFlow, Func<int, int, double>? repairCost)
    {
        var state = new AssignmentState(data);
        for (var a = 0; a < data.AccountCount; a++)
        {
            var s = preferred[a] >= 0 ? data.IndexOf(a, preferred[a]) : -1;
            state.Assign(a, s >= 0 ? s : 0);
        }
        if (withFlow) BandRebalancing.Run(data, state, BandRebalancing.AtTheEdges);
        new Repair(data, state, repairCost, pairsMoveBacks: !withFlow).Run(budget.Repair);
        LocalSearch.Relocate(data, state, budget.Polish);
        return state;
    }
}
