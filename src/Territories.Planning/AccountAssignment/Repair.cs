namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Moves accounts until every hard rule holds. Each step looks at the reps that break a rule (over capacity, max
/// accounts or the band's upper side: moves out; under the band's lower side: moves in) and makes the move that repairs
/// the most violation per unit of objective it costs. When no single move helps, a swap of two accounts between a
/// broken rep and another closes gaps smaller than any account; too many moves are undone by moving accounts back. Once
/// the move cap is spent, a move that counts against it is made only when a move back pays for it: when nothing else
/// repairs, and (for the LP's rounding) whenever the pair repairs more per unit of cost than the best move that leaves
/// the cap as it is.
/// </summary>
/// <param name="pairCost">What moving an account to a rep costs the repair, by account and rep; null for the pair's cost
/// (the LP's rounding passes the LP's reduced costs: see <see cref="LpRounding"/>).</param>
/// <param name="pairsMoveBacks">True weighs, once the move cap is spent, a move paid by a move back against the best
/// move that leaves the cap as it is (see <see cref="PaidByAMoveBack"/>).</param>
internal sealed class Repair(AssignmentData data, AssignmentState state, Func<int, int, double>? pairCost = null, bool pairsMoveBacks = false)
{
    private readonly List<(int Account, int Slot)>[] _byRep = ByRep(data);
    private readonly List<int>[] _accountsOf = state.AccountsByRep();

    /// <summary>
    /// The accounts away from a current rep they could go back to, in account order: the move backs to choose from once
    /// the move cap is spent. Scanning every account for them made each step of a 20,000-account repair take ~10 ms
    /// there, and the repair of a held-back book ran out of its time at violation 0.002.
    /// </summary>
    private readonly SortedSet<int> _canGoBack = [];

    private bool CanGoBack(int a) => state.MoveBackSlot(a) >= 0;

    private readonly bool[] _stuck = new bool[data.RepCount];

    private readonly record struct Move(int Account, int Slot, double Score, (int Account, int Slot)? Partner = null);

    /// <summary>
    /// A move paid by a move back is tried for this many of the most broken reps only. Swaps are tried for every broken
    /// rep until one has a swap: on a 20,000 x 200 north-eastern book the five most broken reps (at their account limit,
    /// under the band, among small accounts) had none while two others had one, and the repair stopped short of the band.
    /// </summary>
    private const int MoveBackReps = 5;

    public void Run(CancellationToken cancel)
    {
        var limit = 4 * data.AccountCount + 100;
        for (var a = 0; a < data.AccountCount; a++) Track(a);
        for (var step = 0; step < limit && !cancel.IsCancellationRequested; step++)
        {
            if (state.Violation() <= 0) return;
            // The most broken rep first: one rep's moves are cheap to scan, and one usually has a repairing move.
            var broken = Enumerable.Range(0, data.RepCount).Where(r => state.ViolationOf(r) > 0)
                .OrderByDescending(r => state.ViolationOf(r)).ToList();
            // With the move cap spent, a rep found stuck rarely has a move the next step (only accounts already moved can
            // go), so a move paid by a move back comes before scanning the stuck reps again.
            var capSpent = state.Moved >= data.MoveCap.Limit;
            var first = FirstRelocation(broken.Where(r => !_stuck[r]));
            if (capSpent && pairsMoveBacks && first is { } found && PaidByAMoveBack(found.Rep, found.Move)) continue;
            var move = first?.Move;
            if (!capSpent) move ??= FirstRelocation(broken.Where(r => _stuck[r]))?.Move;
            move ??= BestGlobalMove();
            if (move is null && RelocateAndMoveBack(broken)) continue;
            if (capSpent) move ??= FirstRelocation(broken.Where(r => _stuck[r]))?.Move;
            move ??= broken.Select(BestSwap).FirstOrDefault(m => m is not null);
            if (move is not { } chosen) return;
            Apply(chosen.Account, chosen.Slot);
            if (chosen.Partner is { } partner) Apply(partner.Account, partner.Slot);
        }
    }

    /// <summary>
    /// The best repairing move of the first rep in <paramref name="reps"/> that has one; a rep without one is marked stuck
    /// until one of its own accounts moves. Each step first looks past the stuck reps and comes back to them only when
    /// no other rep has a move, so the most broken rep, often stuck for hundreds of steps while the move cap is full, is
    /// not scanned again every step: on a 20,000 x 200 book four reps were scanned per step, 1 s of its first plan.
    /// </summary>
    private (int Rep, Move Move)? FirstRelocation(IEnumerable<int> reps)
    {
        foreach (var r in reps)
        {
            if (BestRelocation(r, withinMoveBudget: true) is { } move) return (r, move);
            _stuck[r] = true;
        }
        return null;
    }

    /// <summary>
    /// The rep's best repairing move: of its own accounts when it is over a limit, of others' accounts when it is under the
    /// band (both when both). A move the other way breaks the rep more; where it repairs the other rep more, that rep's own
    /// scan finds it. Scanning both ways for every rep took half of the repair of today's plan (20,000 x 200 tuning
    /// books s1 and w3: 1.3 s of a 1.8 s first plan on s1).
    /// </summary>
    /// <param name="withinMoveBudget">False scores a move as if the move cap had room (for a move paid by a move back).</param>
    private Move? BestRelocation(int r, bool withinMoveBudget)
    {
        Move? best = null;
        var (over, under) = (state.IsOverALimit(r), state.IsUnderBand(r));
        if (over || !under)
            foreach (var a in _accountsOf[r])
                for (var s = 0; s < data.Candidates[a].Length; s++)
                    if (data.Candidates[a][s] != r) Keep(ref best, Scored(a, s, -state.ViolationDelta(a, s, withinMoveBudget), CostDelta(a, s)));
        if (under || !over)
            foreach (var (a, s) in _byRep[r])
                if (state.RepOf(a) != r) Keep(ref best, Scored(a, s, -state.ViolationDelta(a, s, withinMoveBudget), CostDelta(a, s)));
        return best;
    }

    /// <summary>
    /// With the move cap reached, a broken rep's best move can only be paid for by moving another account back to its
    /// current rep: both are made when together they repair something, else both are undone. Without this a plan that
    /// spent its whole move budget on cheap moves stays one account short of the band (measured on a 10,000-account book).
    /// </summary>
    private bool RelocateAndMoveBack(List<int> broken)
    {
        if (state.Moved < data.MoveCap.Limit) return false;
        var before = state.Violation();
        foreach (var r in broken.Take(MoveBackReps))
        {
            if (BestRelocation(r, withinMoveBudget: false) is not { } move) continue;
            var undo = state.Slot[move.Account];
            Apply(move.Account, move.Slot);
            if (LeastHarmfulMoveBack(except: move.Account) is { } back)
            {
                var undoBack = state.Slot[back.Account];
                Apply(back.Account, back.Slot);
                if (state.Violation() < before - 1e-15) return true;
                Undo(back.Account, undoBack);
            }
            Undo(move.Account, undo);
        }
        return false;
    }

    /// <summary>
    /// With the move cap spent, rep r's cheapest repair is often a move that counts against the cap, paid by moving
    /// another account back to its current rep, rather than the best move that leaves the cap as it is (an account
    /// already moved sent on to a third rep, or one going home), which is all <paramref name="single"/> may be: both are
    /// made when together they repair more per unit of cost. The LP's rounding spends the cap exactly, and repaired by
    /// the cap-neutral moves alone it paid 0.040 of linear cost for 270 moves on the western 20,000 x 200 tuning book
    /// (w3), about 1.6% of the LP's value.
    /// </summary>
    private bool PaidByAMoveBack(int r, Move single)
    {
        if (BestRelocation(r, withinMoveBudget: false) is not { } move) return false;
        var before = state.Violation();
        var (movesBefore, undo) = (state.Moved, state.Slot[move.Account]);
        var cost = CostDelta(move.Account, move.Slot);
        Apply(move.Account, move.Slot);
        if (state.Moved > movesBefore && CheapestMoveBack(except: move.Account, below: before) is { } back)
        {
            var undoBack = state.Slot[back.Account];
            cost += CostDelta(back.Account, back.Slot);
            Apply(back.Account, back.Slot);
            if (Scored(back.Account, back.Slot, before - state.Violation(), cost) is { } pair && pair.Score < single.Score) return true;
            Undo(back.Account, undoBack);
        }
        Undo(move.Account, undo);
        return false;
    }

    /// <summary>The moved account whose return to its current rep costs least while the violation stays below <paramref name="below"/>.</summary>
    private (int Account, int Slot)? CheapestMoveBack(int except, double below)
    {
        (int Account, int Slot)? best = null;
        var bestCost = double.MaxValue;
        var violation = state.Violation();
        foreach (var a in _canGoBack)
        {
            var s = state.MoveBackSlot(a);
            if (a == except || violation + state.ViolationDelta(a, s) >= below - 1e-15) continue;
            if (CostDelta(a, s) is var cost && cost < bestCost) (best, bestCost) = ((a, s), cost);
        }
        return best;
    }

    /// <summary>The moved account whose return to its current rep breaks the least (it always repairs the move cap).</summary>
    private (int Account, int Slot)? LeastHarmfulMoveBack(int except)
    {
        (int Account, int Slot)? best = null;
        var bestDelta = double.MaxValue;
        foreach (var a in _canGoBack)
        {
            var s = state.MoveBackSlot(a);
            if (a == except) continue;
            var delta = state.ViolationDelta(a, s) + 1e-9 * CostDelta(a, s);
            if (delta < bestDelta) (best, bestDelta) = ((a, s), delta);
        }
        return best;
    }

    private void Undo(int account, int slot)
    {
        if (slot >= 0)
        {
            Apply(account, slot);
            return;
        }
        var from = state.RepOf(account);
        _accountsOf[from].Remove(account);
        _stuck[from] = false;
        state.Remove(account);
        Track(account);
    }

    /// <summary>Moves back to current reps (too many moved) or assigns unassigned accounts.</summary>
    private Move? BestGlobalMove()
    {
        Move? best = null;
        if (state.Unassigned == 0 && data.MoveCap.Allows(state.Moved)) return null;
        for (var a = 0; a < data.AccountCount; a++)
        {
            if (state.Slot[a] < 0)
                for (var s = 0; s < data.Candidates[a].Length; s++) Keep(ref best, Scored(a, s, -state.ViolationDelta(a, s), CostDelta(a, s)));
            else if (!data.MoveCap.Allows(state.Moved) && _canGoBack.Contains(a) && state.MoveBackSlot(a) is var s)
                Keep(ref best, Scored(a, s, -state.ViolationDelta(a, s), CostDelta(a, s)));
        }
        return best;
    }

    /// <summary>Swaps an account of rep r with an account of another rep that can take its place.</summary>
    private Move? BestSwap(int r)
    {
        Move? best = null;
        foreach (var (b, sb) in _byRep[r])
        {
            var other = state.RepOf(b);
            if (other == r || other < 0) continue;
            foreach (var a in _accountsOf[r])
            {
                var sa = data.IndexOf(a, other);
                if (sa < 0) continue;
                Keep(ref best, Scored(a, sa, -state.SwapViolationDelta(a, sa, b, sb), CostDelta(a, sa) + CostDelta(b, sb), (b, sb)));
            }
        }
        return best;
    }

    private double CostDelta(int a, int s) => Cost(a, s) - (state.Slot[a] >= 0 ? Cost(a, state.Slot[a]) : 0);

    private double Cost(int a, int s) => pairCost?.Invoke(a, data.Candidates[a][s]) ?? data.Cost[a][s];

    /// <summary>Cost per unit of violation repaired; a small constant keeps free moves ranked by how much they repair.</summary>
    private static Move? Scored(int a, int s, double repaired, double cost, (int, int)? partner = null) =>
        repaired > 1e-15 ? new Move(a, s, (cost + 1e-6) / repaired, partner) : null;

    private static void Keep(ref Move? best, Move? candidate)
    {
        if (candidate is { } c && (best is not { } b || c.Score < b.Score)) best = c;
    }

    private void Apply(int account, int slot)
    {
        var from = state.RepOf(account);
        if (from >= 0)
        {
            _accountsOf[from].Remove(account);
            _stuck[from] = false;
        }
        state.Assign(account, slot);
        var to = data.Candidates[account][slot];
        _accountsOf[to].Add(account);
        _stuck[to] = false;
        Track(account);
    }

    private void Track(int account)
    {
        if (CanGoBack(account)) _canGoBack.Add(account);
        else _canGoBack.Remove(account);
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
