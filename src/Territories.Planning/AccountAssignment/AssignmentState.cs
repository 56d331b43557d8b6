using Territories.Planning.Rules;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// A mutable assignment with running per-rep sums, for the construction heuristic and the local search. Each account
/// holds the index of its rep within its candidate list (-1: unassigned).
/// </summary>
internal sealed class AssignmentState
{
    private readonly AssignmentData _data;
    private readonly double[] _violationOf;
    private readonly bool[] _violationKnown;
    private double _violationsAtTotal;

    public AssignmentState(AssignmentData data)
    {
        _data = data;
        Slot = Enumerable.Repeat(-1, data.AccountCount).ToArray();
        Unassigned = data.AccountCount;
        Load = new double[data.RepCount];
        Count = new int[data.RepCount];
        MetricSum = new double[data.RepCount];
        _violationOf = new double[data.RepCount];
        _violationKnown = new bool[data.RepCount];
    }

    /// <summary>The state of a plan in which every account has a candidate rep.</summary>
    public static AssignmentState Of(AssignmentData data, int[] repOf)
    {
        var state = new AssignmentState(data);
        for (var a = 0; a < data.AccountCount; a++) state.Assign(a, data.IndexOf(a, repOf[a]));
        return state;
    }

    public int[] Slot { get; }
    public double[] Load { get; }
    public int[] Count { get; }
    public double[] MetricSum { get; }
    public double MetricTotal { get; private set; }
    public int Moved { get; private set; }
    public int Unassigned { get; private set; }
    public double LinearCost { get; private set; }

    public int RepOf(int account) => Slot[account] < 0 ? -1 : _data.Candidates[account][Slot[account]];

    public int[] RepOfAll() => Enumerable.Range(0, _data.AccountCount).Select(RepOf).ToArray();

    public void Assign(int account, int slot)
    {
        if (Slot[account] >= 0) Remove(account);
        var r = _data.Candidates[account][slot];
        Slot[account] = slot;
        Unassigned--;
        Load[r] += _data.Workload[account][slot];
        Count[r]++;
        MetricSum[r] += _data.MetricValue[account][slot];
        MetricTotal += _data.MetricValue[account][slot];
        LinearCost += _data.Cost[account][slot];
        if (_data.CountsAsMove(account, r)) Moved++;
        Changed(r);
    }

    public void Remove(int account)
    {
        var slot = Slot[account];
        var r = _data.Candidates[account][slot];
        Load[r] -= _data.Workload[account][slot];
        Count[r]--;
        MetricSum[r] -= _data.MetricValue[account][slot];
        MetricTotal -= _data.MetricValue[account][slot];
        LinearCost -= _data.Cost[account][slot];
        if (_data.CountsAsMove(account, r)) Moved--;
        Slot[account] = -1;
        Unassigned++;
        Changed(r);
    }

    /// <summary>Rep r's sums changed: its violation is stale.</summary>
    private void Changed(int r) => _violationKnown[r] = false;

    /// <summary>Rep r's share of <see cref="Violation"/> as the state stands, kept until its sums or the metric total (its
    /// band and scale) change: the repair asks for it millions of times on a 20,000-account book.</summary>
    public double ViolationOf(int r)
    {
        if (MetricTotal != _violationsAtTotal)
        {
            Array.Clear(_violationKnown);
            _violationsAtTotal = MetricTotal;
        }
        if (!_violationKnown[r])
        {
            _violationOf[r] = RepViolation(r, 0, 0, 0);
            _violationKnown[r] = true;
        }
        return _violationOf[r];
    }

    /// <summary>How much swapping two accounts of different reps (a to b's rep in slot sa, b to a's rep in slot sb) would change <see cref="Violation"/>.</summary>
    public double SwapViolationDelta(int a, int sa, int b, int sb)
    {
        var (fa, fb) = (Slot[a], Slot[b]);
        var (ra, rb) = (_data.Candidates[a][fa], _data.Candidates[b][fb]);
        var delta = RepViolation(ra, _data.Workload[b][sb] - _data.Workload[a][fa], 0, _data.MetricValue[b][sb] - _data.MetricValue[a][fa]) - ViolationOf(ra)
                  + RepViolation(rb, _data.Workload[a][sa] - _data.Workload[b][fb], 0, _data.MetricValue[a][sa] - _data.MetricValue[b][fb]) - ViolationOf(rb);
        var moved = Moved + MoveChange(a, ra, rb) + MoveChange(b, rb, ra);
        return delta + _data.MoveCap.Excess(moved) - _data.MoveCap.Excess(Moved);
    }

    private int MoveChange(int account, int from, int to) => (_data.CountsAsMove(account, to) ? 1 : 0) - (_data.CountsAsMove(account, from) ? 1 : 0);

    /// <summary>The account's candidate slot whose rep has the most capacity left, relative to its capacity (where nothing has room, the repair sorts it out).</summary>
    public int RoomiestSlot(int account)
    {
        var candidates = _data.Candidates[account];
        var best = 0;
        for (var s = 1; s < candidates.Length; s++)
            if (Spare(candidates[s]) > Spare(candidates[best])) best = s;
        return best;
    }

    private double Spare(int rep) => (_data.Capacity[rep] - Load[rep]) / Math.Max(1, _data.Capacity[rep]);

    /// <summary>The assigned accounts of each rep.</summary>
    public List<int>[] AccountsByRep()
    {
        var accountsOf = Enumerable.Range(0, _data.RepCount).Select(_ => new List<int>()).ToArray();
        for (var a = 0; a < _data.AccountCount; a++)
            if (RepOf(a) is var r and >= 0) accountsOf[r].Add(a);
        return accountsOf;
    }

    /// <summary>True when the rep can take the account (given in slot) without breaking capacity, max accounts or the band's upper side.</summary>
    public bool Fits(int account, int slot)
    {
        var r = _data.Candidates[account][slot];
        if (!_data.Capacity.Allows(r, Load[r] + _data.Workload[account][slot])) return false;
        if (_data.MaxAccounts.Excess(r, Count[r] + 1) > 0) return false;
        if (_data.Band is { } band && MetricSum[r] + _data.MetricValue[account][slot] > UpperEdge(band, r)) return false;
        return true;
    }

    /// <summary>True when the rep can give up the account without falling under the band's lower side.</summary>
    public bool CanRelease(int account)
    {
        if (_data.Band is not { } band) return true;
        var slot = Slot[account];
        var r = _data.Candidates[account][slot];
        return MetricSum[r] - _data.MetricValue[account][slot] >= LowerEdge(band, r);
    }

    /// <summary>The slot of the account's current rep when the account is away from it as a move, else -1: where a move back goes.</summary>
    public int MoveBackSlot(int account) =>
        Slot[account] >= 0 && _data.CountsAsMove(account, RepOf(account)) ? _data.IndexOf(account, _data.Current[account]) : -1;

    /// <summary>True when moving the account to <paramref name="slot"/> keeps the move count within its limit.</summary>
    public bool MoveBudgetAllows(int account, int slot)
    {
        var from = RepOf(account);
        var to = _data.Candidates[account][slot];
        var delta = (_data.CountsAsMove(account, to) ? 1 : 0) - (from >= 0 && _data.CountsAsMove(account, from) ? 1 : 0);
        return _data.MoveCap.Allows(Moved + delta);
    }

    public double Upper(BalanceBand band, int rep) => band.FixedTotal ? band.Upper[rep] : band.UpperOf(rep, MetricTotal);

    public double Lower(BalanceBand band, int rep) => band.FixedTotal ? band.Lower[rep] : band.LowerOf(rep, MetricTotal);

    /// <summary>The band's upper side as the heuristics read it: the side plus their slack.</summary>
    private double UpperEdge(BalanceBand band, int rep)
    {
        var upper = Upper(band, rep);
        return upper + HeuristicSlack.Of(upper);
    }

    /// <summary>The band's lower side as the heuristics read it: the side less their slack.</summary>
    private double LowerEdge(BalanceBand band, int rep)
    {
        var lower = Lower(band, rep);
        return lower - HeuristicSlack.Of(lower);
    }

    /// <summary>How far the state is from meeting every hard rule, in relative units; 0 means feasible.</summary>
    public double Violation()
    {
        var v = 0.0;
        for (var r = 0; r < _data.RepCount; r++) v += ViolationOf(r);
        return v + _data.MoveCap.Excess(Moved) + Unassigned;
    }

    /// <summary>
    /// Rep r's share of <see cref="Violation"/> if its load, account count and metric changed by the given amounts. Band
    /// and capacity excesses count squared (relative to the rep's fair share), so a deficit can spread step by step to
    /// the reps that have a surplus instead of stalling where a single move would only shift it to a neighbour.
    /// </summary>
    public double RepViolation(int r, double loadDelta, int countDelta, double metricDelta)
    {
        var load = Load[r] + loadDelta;
        var v = Squared(_data.Capacity.Excess(r, load));
        v += _data.MaxAccounts.Excess(r, Count[r] + countDelta);
        if (_data.Band is not { } band) return v;
        var metric = MetricSum[r] + metricDelta;
        var scale = Math.Max(1e-9, _data.Fractions[r] * Math.Max(1, MetricTotal));
        v += Squared(Math.Max(0, metric - UpperEdge(band, r)) / scale);
        v += Squared(Math.Max(0, LowerEdge(band, r) - metric) / scale);
        return v;
    }

    private static double Squared(double x) => x * x;

    /// <summary>True when rep r is under the band's lower side (past the heuristics' slack): accounts coming in repair it.</summary>
    public bool IsUnderBand(int r) =>
        _data.Band is { } band && MetricSum[r] < LowerEdge(band, r);

    /// <summary>True when rep r is over its capacity, its account limit or the band's upper side: accounts leaving repair it.</summary>
    public bool IsOverALimit(int r) =>
        _data.Capacity.Excess(r, Load[r]) > 0 || _data.MaxAccounts.Excess(r, Count[r]) > 0
        || _data.Band is { } band && MetricSum[r] > UpperEdge(band, r);

    /// <summary>How much moving the account to <paramref name="slot"/> would change <see cref="Violation"/> (negative: better).</summary>
    /// <param name="withinMoveBudget">False leaves the move cap out of the change (for a move paid by a move back).</param>
    public double ViolationDelta(int account, int slot, bool withinMoveBudget = true)
    {
        var from = Slot[account];
        var to = _data.Candidates[account][slot];
        var delta = 0.0;
        if (from >= 0)
        {
            var r = _data.Candidates[account][from];
            if (r == to) return 0;
            delta += RepViolation(r, -_data.Workload[account][from], -1, -_data.MetricValue[account][from]) - ViolationOf(r);
        }
        else delta -= 1;
        delta += RepViolation(to, _data.Workload[account][slot], 1, _data.MetricValue[account][slot]) - ViolationOf(to);
        if (!withinMoveBudget) return delta;
        var moved = Moved + (_data.CountsAsMove(account, to) ? 1 : 0) - (from >= 0 && _data.CountsAsMove(account, _data.Candidates[account][from]) ? 1 : 0);
        return delta + _data.MoveCap.Excess(moved) - _data.MoveCap.Excess(Moved);
    }
}
