namespace Territories.Planning.AccountAssignment;

/// <summary>Improves a feasible plan by relocating single accounts to cheaper reps, or swapping two, while every hard rule keeps holding.</summary>
internal static class LocalSearch
{
    public static void Relocate(AssignmentData data, AssignmentState state, CancellationToken cancel)
    {
        if (state.Violation() > 0) return;
        for (var pass = 0; pass < MaxPasses && !cancel.IsCancellationRequested; pass++)
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

    /// <summary>
    /// Exchanges of two accounts between two reps that lower the cost and keep every rule: each account away from its
    /// cheapest rep takes the best exchange with an account of a cheaper rep that can take its place, then the relocate
    /// search goes on from there, and with the move cap spent, relocations paid by a move back
    /// (<see cref="RelocateWithMoveBacks"/>). Passes repeat while one saves at least <see cref="WorthAnotherPass"/> of the cost:
    /// on the western 20,000 x 200 tuning book a pass takes about 0.35 s, the first three saved 0.0124, 0.0016 and
    /// 0.0003 and the next two 0.00001 together.
    /// </summary>
    public static void Swap(AssignmentData data, AssignmentState state, CancellationToken cancel)
    {
        if (state.Violation() > 0) return;
        for (var pass = 0; pass < MaxPasses && !cancel.IsCancellationRequested; pass++)
        {
            var before = state.LinearCost;
            var accountsOf = state.AccountsByRep();
            for (var a = 0; a < data.AccountCount && !cancel.IsCancellationRequested; a++)
                if (BestSwap(data, state, accountsOf, a) is { } swap) Exchange(data, state, accountsOf, a, swap);
            Relocate(data, state, cancel);
            RelocateWithMoveBacks(data, state, cancel);
            if (before - state.LinearCost < WorthAnotherPass * Math.Abs(before)) return;
        }
    }

    private const double WorthAnotherPass = 1e-4;

    /// <summary>
    /// Relocations that only the spent move cap blocks, each paid by the cheapest move back (an account away from its
    /// current rep as a move, returned to it) that costs less than the relocation saves and keeps every rule. On the
    /// western 20,000 x 200 tuning book (w3) the LP's rounding went from 2.4727 to 2.4718 with these (28 pairs over three
    /// passes), on the north-eastern one (seed 5) from 1.7239 to 1.7233; at 60 s the plans ended 0.616% and 0.318% above
    /// the bound against 0.64-0.66% and 0.344% without.
    /// </summary>
    private static void RelocateWithMoveBacks(AssignmentData data, AssignmentState state, CancellationToken cancel)
    {
        if (state.Violation() > 0 || data.MoveCap.Allows(state.Moved + 1)) return;
        double BackCost(int b) => data.Cost[b][state.MoveBackSlot(b)] - data.Cost[b][state.Slot[b]];
        var backs = Enumerable.Range(0, data.AccountCount).Where(b => state.MoveBackSlot(b) >= 0).OrderBy(BackCost).ToList();
        for (var a = 0; a < data.AccountCount && !cancel.IsCancellationRequested; a++)
        {
            var current = state.Slot[a];
            // Candidates are sorted cheapest first, so only the slots before the current one can save.
            for (var s = 0; s < current; s++)
            {
                var saving = data.Cost[a][current] - data.Cost[a][s];
                if (saving <= 1e-12) break;
                if (!state.Fits(a, s) || !state.CanRelease(a) || state.MoveBudgetAllows(a, s)) continue;
                state.Assign(a, s);
                if (PayWithAMoveBack(data, state, backs, except: a, costBelow: saving, BackCost)) break;
                state.Assign(a, current);
            }
        }
    }

    /// <summary>Makes the first move back in <paramref name="backs"/> (cheapest first) that costs less than given and keeps every rule.</summary>
    private static bool PayWithAMoveBack(AssignmentData data, AssignmentState state, List<int> backs, int except, double costBelow, Func<int, double> backCost)
    {
        foreach (var b in backs)
        {
            if (b == except || state.MoveBackSlot(b) is not (var home and >= 0)) continue;
            if (backCost(b) >= costBelow - 1e-12) return false;
            if (!state.Fits(b, home) || !state.CanRelease(b)) continue;
            var from = state.Slot[b];
            state.Assign(b, home);
            if (state.Violation() <= 0) return true;
            state.Assign(b, from);
        }
        return false;
    }

    /// <summary>A ceiling on the passes of either search, whatever they save.</summary>
    private const int MaxPasses = 20;

    /// <summary>The exchange that saves the most for account a: its new slot, the partner, and the partner's new slot.</summary>
    private static (int Slot, int Partner, int PartnerSlot)? BestSwap(AssignmentData data, AssignmentState state, List<int>[] accountsOf, int a)
    {
        var current = state.Slot[a];
        var r = data.Candidates[a][current];
        (int Slot, int Partner, int PartnerSlot)? best = null;
        var bestSaving = 1e-12;
        // Candidates are sorted cheapest first, so only the slots before the current one can save on a's side.
        for (var s = 0; s < current; s++)
        {
            var savingOnA = data.Cost[a][current] - data.Cost[a][s];
            if (savingOnA <= 1e-12) break;
            foreach (var b in accountsOf[data.Candidates[a][s]])
            {
                var sb = data.IndexOf(b, r);
                if (sb < 0) continue;
                var saving = savingOnA + data.Cost[b][state.Slot[b]] - data.Cost[b][sb];
                if (saving <= bestSaving || state.SwapViolationDelta(a, s, b, sb) > 0) continue;
                (best, bestSaving) = ((s, b, sb), saving);
            }
        }
        return best;
    }

    /// <summary>Makes the exchange, or undoes it when it breaks a rule after all (a band relative to a total that moved).</summary>
    private static void Exchange(AssignmentData data, AssignmentState state, List<int>[] accountsOf, int a, (int Slot, int Partner, int PartnerSlot) swap)
    {
        var (slotOfA, slotOfB) = (state.Slot[a], state.Slot[swap.Partner]);
        var (r, q) = (data.Candidates[a][slotOfA], data.Candidates[a][swap.Slot]);
        state.Assign(a, swap.Slot);
        state.Assign(swap.Partner, swap.PartnerSlot);
        if (state.Violation() > 0)
        {
            state.Assign(swap.Partner, slotOfB);
            state.Assign(a, slotOfA);
            return;
        }
        accountsOf[r].Remove(a);
        accountsOf[q].Add(a);
        accountsOf[q].Remove(swap.Partner);
        accountsOf[r].Add(swap.Partner);
    }
}
