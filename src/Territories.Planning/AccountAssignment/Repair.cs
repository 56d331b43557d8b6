namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Moves accounts until every hard rule holds. Each step looks at the reps that break a rule (over capacity, max
/// accounts or the band's upper side: moves out; under the band's lower side: moves in; too many moves: moves back)
/// and makes the move that repairs the most violation per unit of objective it costs.
/// </summary>
internal sealed class Repair(AssignmentData data, AssignmentState state)
{
    private readonly List<(int Account, int Slot)>[] _byRep = ByRep(data);
    private readonly List<int>[] _accountsOf = AccountsOf(data, state);

    public void Run(CancellationToken cancel)
    {
        var limit = 4 * data.AccountCount + 100;
        for (var step = 0; step < limit && !cancel.IsCancellationRequested; step++)
        {
            if (state.Violation() <= 0) return;
            var move = BestMove();
            if (move.Account < 0) return;
            Apply(move.Account, move.Slot);
        }
    }

    private (int Account, int Slot) BestMove()
    {
        (int Account, int Slot, double Score) best = (-1, -1, double.MaxValue);
        void Consider(int a, int s)
        {
            var repaired = -state.ViolationDelta(a, s);
            if (repaired <= 1e-12) return;
            var cost = data.Cost[a][s] - (state.Slot[a] >= 0 ? data.Cost[a][state.Slot[a]] : 0);
            // Cost per unit of violation repaired; a small constant keeps free moves ranked by how much they repair.
            var score = (cost + 1e-6) / repaired;
            if (score < best.Score) best = (a, s, score);
        }
        for (var r = 0; r < data.RepCount; r++)
        {
            if (state.RepViolation(r, 0, 0, 0) <= 0) continue;
            foreach (var a in _accountsOf[r])
                for (var s = 0; s < data.Candidates[a].Length; s++)
                    if (data.Candidates[a][s] != r) Consider(a, s);
            foreach (var (a, s) in _byRep[r])
                if (state.RepOf(a) != r) Consider(a, s);
        }
        if (state.Moved > data.MovedLimit)
        {
            for (var a = 0; a < data.AccountCount; a++)
                if (data.CountsAsMove(a, state.RepOf(a)) && data.IndexOf(a, data.Current[a]) is var s and >= 0) Consider(a, s);
        }
        if (state.Slot.Any(s => s < 0))
        {
            for (var a = 0; a < data.AccountCount; a++)
                if (state.Slot[a] < 0) for (var s = 0; s < data.Candidates[a].Length; s++) Consider(a, s);
        }
        return (best.Account, best.Slot);
    }

    private void Apply(int account, int slot)
    {
        var from = state.RepOf(account);
        if (from >= 0) _accountsOf[from].Remove(account);
        state.Assign(account, slot);
        _accountsOf[data.Candidates[account][slot]].Add(account);
    }

    private static List<(int Account, int Slot)>[] ByRep(AssignmentData data)
    {
        var byRep = Enumerable.Range(0, data.RepCount).Select(_ => new List<(int, int)>()).ToArray();
        for (var a = 0; a < data.AccountCount; a++)
            for (var s = 0; s < data.Candidates[a].Length; s++)
                byRep[data.Candidates[a][s]].Add((a, s));
        return byRep;
    }

    private static List<int>[] AccountsOf(AssignmentData data, AssignmentState state)
    {
        var accountsOf = Enumerable.Range(0, data.RepCount).Select(_ => new List<int>()).ToArray();
        for (var a = 0; a < data.AccountCount; a++)
            if (state.RepOf(a) is var r and >= 0) accountsOf[r].Add(a);
        return accountsOf;
    }
}
