namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Rounds the LP relaxation where it stands: every account goes to the rep with its largest share (so every account the
/// LP assigns whole stays where the LP puts it), then the repair makes every hard rule hold and the relocate search
/// polishes. The LP's optimum breaks the rules only at the reps it splits accounts between (one account each, about),
/// so the repair has little to do and the plan keeps the LP's cost.
/// </summary>
internal static class LpRounding
{
    public static AssignmentState Build(AssignmentData data, int[] preferred, ConstructionBudget budget)
    {
        var state = new AssignmentState(data);
        for (var a = 0; a < data.AccountCount; a++)
        {
            var s = preferred[a] >= 0 ? data.IndexOf(a, preferred[a]) : -1;
            state.Assign(a, s >= 0 ? s : 0);
        }
        new Repair(data, state).Run(budget.Repair);
        LocalSearch.Relocate(data, state, budget.Polish);
        return state;
    }
}
