namespace Territories.Planning.AccountAssignment;

/// <summary>Improves a feasible plan by relocating single accounts to cheaper reps while every hard rule keeps holding.</summary>
internal static class LocalSearch
{
    public static void Relocate(AssignmentData data, AssignmentState state, CancellationToken cancel)
    {
        if (state.Violation() > 0) return;
        for (var pass = 0; pass < 20 && !cancel.IsCancellationRequested; pass++)
        {
            var improved = false;
            for (var a = 0; a < data.AccountCount; a++)
            {
                var current = state.Slot[a];
                // Candidates are sorted cheapest first, so only the slots before the current one can improve.
                for (var s = 0; s < current; s++)
                {
                    if (data.Cost[a][s] >= data.Cost[a][current] - 1e-12) break;
                    if (!state.Fits(a, s) || !state.CanRelease(a) || !state.MoveBudgetAllows(a, s)) continue;
                    state.Assign(a, s);
                    if (data.Band is { FixedTotal: false } && state.Violation() > 0) { state.Assign(a, current); continue; }
                    improved = true;
                    break;
                }
            }
            if (!improved) return;
        }
    }
}
