namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Moves accounts until every hard rule holds: out of reps over capacity, max accounts or the band's upper side, into
/// reps under the band's lower side, and back to current reps when too many moved; each time the cheapest such move.
/// </summary>
internal sealed class Repair(AssignmentData data, AssignmentState state)
{
    private readonly List<(int Account, int Slot)>[] _byRep = ByRep(data);

    public void Run(CancellationToken cancel)
    {
        var stalls = 0;
        for (var round = 0; round < 50 && !cancel.IsCancellationRequested; round++)
        {
            var before = state.Violation();
            if (before <= 0) return;
            for (var r = 0; r < data.RepCount; r++)
            {
                while (IsOver(r) && MoveOut(r)) { }
                while (IsUnder(r) && PullIn(r)) { }
            }
            while (state.Moved > data.MovedLimit && MoveBack()) { }
            stalls = state.Violation() < before - 1e-12 ? 0 : stalls + 1;
            if (stalls >= 2) return;
        }
    }

    private bool IsOver(int r) =>
        state.Load[r] > data.Capacity[r] * (1 + 1e-9) || state.Count[r] > data.MaxAccounts[r]
        || (data.Band is { } band && state.MetricSum[r] > state.Upper(band, r) * (1 + 1e-9));

    private bool IsUnder(int r) => data.Band is { } band && state.MetricSum[r] < state.Lower(band, r) * (1 - 1e-9);

    /// <summary>Moves the account of rep r whose cheapest move to a rep with room costs least.</summary>
    private bool MoveOut(int r)
    {
        (int Account, int Slot, double Delta) best = (-1, -1, double.MaxValue);
        foreach (var (a, _) in _byRep[r])
        {
            if (state.RepOf(a) != r) continue;
            var current = data.Cost[a][state.Slot[a]];
            for (var s = 0; s < data.Candidates[a].Length; s++)
            {
                if (data.Candidates[a][s] == r || !state.Fits(a, s) || !state.MoveBudgetAllows(a, s)) continue;
                var delta = data.Cost[a][s] - current;
                if (delta < best.Delta) best = (a, s, delta);
            }
        }
        return Apply(best.Account, best.Slot);
    }

    /// <summary>Brings to rep r the account whose move costs least among those whose rep can spare it.</summary>
    private bool PullIn(int r)
    {
        (int Account, int Slot, double Delta) best = (-1, -1, double.MaxValue);
        foreach (var (a, s) in _byRep[r])
        {
            var from = state.RepOf(a);
            if (from == r || (from >= 0 && !state.CanRelease(a)) || !state.Fits(a, s) || !state.MoveBudgetAllows(a, s)) continue;
            var delta = data.Cost[a][s] - (state.Slot[a] >= 0 ? data.Cost[a][state.Slot[a]] : 0);
            if (delta < best.Delta) best = (a, s, delta);
        }
        return Apply(best.Account, best.Slot);
    }

    /// <summary>Returns a moved account to its current rep where that rep has room, cheapest first.</summary>
    private bool MoveBack()
    {
        (int Account, int Slot, double Delta) best = (-1, -1, double.MaxValue);
        for (var a = 0; a < data.AccountCount; a++)
        {
            var r = state.RepOf(a);
            if (!data.CountsAsMove(a, r)) continue;
            var s = data.IndexOf(a, data.Current[a]);
            if (s < 0 || !state.Fits(a, s) || !state.CanRelease(a)) continue;
            var delta = data.Cost[a][s] - data.Cost[a][state.Slot[a]];
            if (delta < best.Delta) best = (a, s, delta);
        }
        return Apply(best.Account, best.Slot);
    }

    private bool Apply(int account, int slot)
    {
        if (account < 0) return false;
        state.Assign(account, slot);
        return true;
    }

    private static List<(int Account, int Slot)>[] ByRep(AssignmentData data)
    {
        var byRep = Enumerable.Range(0, data.RepCount).Select(_ => new List<(int, int)>()).ToArray();
        for (var a = 0; a < data.AccountCount; a++)
            for (var s = 0; s < data.Candidates[a].Length; s++)
                byRep[data.Candidates[a][s]].Add((a, s));
        return byRep;
    }
}
