using System.Diagnostics;

namespace Territories.Planning.TerritoryDesign;

/// <summary>
/// Moves and swaps boundary units between neighbouring territories, never disconnecting one, to bring every rep's
/// metric inside the balance band (without a band: towards its fair share). Descends on the squared distance outside
/// the band (each relative to the fair share) with the squared deviation as a small tie-breaker; when stuck outside the
/// band, shakes the plan with a few random connected moves and descends again, keeping the best plan, until the band
/// holds or the time is up.
/// </summary>
internal sealed class BandRepair
{
    /// <summary>The most time the repair takes; CP-SAT gets the rest.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private const double TieBreak = 1e-3;

    private readonly UnitData _data;
    private readonly int[] _repOf;
    private readonly IReadOnlyList<double> _fair;
    private readonly List<int>[] _neighbours;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly double[] _load;
    private readonly Random _random = new(1);

    public BandRepair(UnitData data, int[] repOf, IReadOnlyList<double> fairShare, List<int>[] neighbours)
    {
        _data = data;
        _repOf = repOf;
        _fair = fairShare;
        _neighbours = neighbours;
        var band = data.Accounts.Band;
        _lower = Enumerable.Range(0, data.RepCount).Select(r => band?.Lower[r] ?? fairShare[r]).ToArray();
        _upper = Enumerable.Range(0, data.RepCount).Select(r => band?.Upper[r] ?? fairShare[r]).ToArray();
        _load = new double[data.RepCount];
        for (var u = 0; u < data.UnitCount; u++) _load[_repOf[u]] += data.Metric[u][_repOf[u]];
    }

    public void Run(CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        Descend(cancel, clock);
        var best = (Penalty: Penalty(), Plan: (int[])_repOf.Clone());
        while (Outside() > 1e-12 && clock.Elapsed < Budget && !cancel.IsCancellationRequested)
        {
            Shake(3 + _random.Next(5));
            Descend(cancel, clock);
            if (Penalty() < best.Penalty) best = (Penalty(), (int[])_repOf.Clone());
        }
        if (Penalty() > best.Penalty) Restore(best.Plan);
    }

    private double Relative(int r, double value) => _fair[r] > 0 ? value / _fair[r] : 0;

    private double Term(int r, double load)
    {
        var outside = Math.Max(0, load - _upper[r]) + Math.Max(0, _lower[r] - load);
        return Math.Pow(Relative(r, outside), 2) + TieBreak * Math.Pow(Relative(r, load - _fair[r]), 2);
    }

    private double Penalty() => Enumerable.Range(0, _data.RepCount).Sum(r => Term(r, _load[r]));

    private double Outside() => Enumerable.Range(0, _data.RepCount).Sum(r => Math.Max(0, _load[r] - _upper[r]) + Math.Max(0, _lower[r] - _load[r]));

    private void Descend(CancellationToken cancel, Stopwatch clock)
    {
        while (!cancel.IsCancellationRequested && clock.Elapsed < Budget && (BestMove() || BestSwap())) { }
    }

    /// <summary>Makes the single connected move that lowers the penalty most; false when none does.</summary>
    private bool BestMove()
    {
        var best = (Unit: -1, To: -1, Gain: 1e-15);
        for (var u = 0; u < _data.UnitCount; u++)
        {
            var from = _repOf[u];
            foreach (var to in _neighbours[u].Select(v => _repOf[v]).Where(t => t != from && _data.Eligible[u][t]).Distinct())
            {
                var gain = Term(from, _load[from]) + Term(to, _load[to])
                    - Term(from, _load[from] - _data.Metric[u][from]) - Term(to, _load[to] + _data.Metric[u][to]);
                if (gain > best.Gain && ConnectedWithout(u, from)) best = (u, to, gain);
            }
        }
        if (best.Unit < 0) return false;
        Move(best.Unit, best.To);
        return true;
    }

    /// <summary>Makes the connected exchange of two neighbouring units between their territories that lowers the penalty most.</summary>
    private bool BestSwap()
    {
        var best = (U: -1, V: -1, Gain: 1e-15);
        foreach (var (u, v) in _data.Edges)
        {
            var (a, b) = (_repOf[u], _repOf[v]);
            if (a == b || !_data.Eligible[u][b] || !_data.Eligible[v][a]) continue;
            var newA = _load[a] - _data.Metric[u][a] + _data.Metric[v][a];
            var newB = _load[b] - _data.Metric[v][b] + _data.Metric[u][b];
            var gain = Term(a, _load[a]) + Term(b, _load[b]) - Term(a, newA) - Term(b, newB);
            if (gain <= best.Gain) continue;
            Move(u, b);
            Move(v, a);
            var connected = Connected(a) && Connected(b);
            Move(v, b);
            Move(u, a);
            if (connected) best = (u, v, gain);
        }
        if (best.U < 0) return false;
        var (ra, rb) = (_repOf[best.U], _repOf[best.V]);
        Move(best.U, rb);
        Move(best.V, ra);
        return true;
    }

    private void Shake(int moves)
    {
        for (var i = 0; i < moves * 4 && moves > 0; i++)
        {
            var u = _random.Next(_data.UnitCount);
            var targets = _neighbours[u].Select(v => _repOf[v]).Where(t => t != _repOf[u] && _data.Eligible[u][t]).Distinct().ToList();
            if (targets.Count == 0 || !ConnectedWithout(u, _repOf[u])) continue;
            Move(u, targets[_random.Next(targets.Count)]);
            moves--;
        }
    }

    private void Move(int unit, int to)
    {
        var from = _repOf[unit];
        _load[from] -= _data.Metric[unit][from];
        _load[to] += _data.Metric[unit][to];
        _repOf[unit] = to;
    }

    private void Restore(int[] plan)
    {
        for (var u = 0; u < plan.Length; u++)
            if (_repOf[u] != plan[u]) Move(u, plan[u]);
    }

    private bool Connected(int rep) => Territory.IsConnected(_repOf, _neighbours, rep);

    private bool ConnectedWithout(int unit, int rep) => Territory.IsConnected(_repOf, _neighbours, rep, unit);
}
