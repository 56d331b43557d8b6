using System.Diagnostics;

namespace Territories.Planning.TerritoryDesign;

/// <summary>
/// Simulated annealing on cut edges for districting: a move gives a unit on a district's border to the neighbouring
/// district, alone or together with a unit coming back the other way (so populations can stay in a tight band); a
/// move is allowed only when both districts stay within [lower, upper] and connected. Worse moves are accepted with a
/// probability that falls as the temperature cools; the best plan seen is kept. The CP-SAT model then starts from it.
/// </summary>
internal sealed class CutRefinement
{
    private readonly int[] _districtOf;
    private readonly IReadOnlyList<long> _population;
    private readonly List<int>[] _neighbours;
    private readonly (int A, int B)[] _edges;
    private readonly long _lower;
    private readonly long _upper;
    private readonly long[] _load;
    private readonly Random _random;

    public CutRefinement(int[] districtOf, IReadOnlyList<long> population, List<int>[] neighbours, IReadOnlyList<(int A, int B)> edges, long lower, long upper, int seed)
    {
        _districtOf = (int[])districtOf.Clone();
        _population = population;
        _neighbours = neighbours;
        _edges = edges.ToArray();
        (_lower, _upper) = (lower, upper);
        _load = new long[districtOf.Max() + 1];
        for (var u = 0; u < districtOf.Length; u++) _load[districtOf[u]] += population[u];
        _random = new Random(seed);
    }

    /// <summary>The best plan found within <paramref name="budget"/>, never worse than the start.</summary>
    public int[] Run(TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var cut = Cut();
        var best = (Cut: cut, Plan: (int[])_districtOf.Clone());
        var temperature = 1.0;
        for (var step = 0L; clock.Elapsed < budget; step++)
        {
            if (step % 1000 == 0) temperature = Math.Max(0.02, 1.0 * (1 - clock.Elapsed / budget));
            var (u, v) = _edges[_random.Next(_edges.Length)];
            var (a, b) = (_districtOf[u], _districtOf[v]);
            if (a == b) continue;
            if (_random.Next(2) == 0) (u, v, a, b) = (v, u, b, a);
            // u leaves a for b; maybe w leaves b for a to keep both within the band.
            var delta = Change(u, b);
            Move(u, b);
            var w = -1;
            if (_load[b] > _upper || _load[a] < _lower)
            {
                w = BorderUnit(b, a, exclude: u);
                if (w >= 0)
                {
                    delta += Change(w, a);
                    Move(w, a);
                }
            }
            var feasible = _load[a] >= _lower && _load[a] <= _upper && _load[b] >= _lower && _load[b] <= _upper
                && Connected(a) && Connected(b);
            if (feasible && (delta <= 0 || _random.NextDouble() < Math.Exp(-delta / temperature)))
            {
                cut += delta;
                if (cut < best.Cut) best = (cut, (int[])_districtOf.Clone());
                continue;
            }
            if (w >= 0) Move(w, b);
            Move(u, a);
        }
        return best.Plan;
    }

    /// <summary>How the cut count changes when the unit goes to the district.</summary>
    private int Change(int unit, int to)
    {
        var from = _districtOf[unit];
        return _neighbours[unit].Count(n => _districtOf[n] == from) - _neighbours[unit].Count(n => _districtOf[n] == to);
    }

    private int BorderUnit(int district, int towards, int exclude)
    {
        var border = Enumerable.Range(0, _districtOf.Length)
            .Where(x => x != exclude && _districtOf[x] == district && _neighbours[x].Any(n => _districtOf[n] == towards)).ToList();
        return border.Count == 0 ? -1 : border[_random.Next(border.Count)];
    }

    private void Move(int unit, int to)
    {
        _load[_districtOf[unit]] -= _population[unit];
        _load[to] += _population[unit];
        _districtOf[unit] = to;
    }

    private int Cut() => _edges.Count(e => _districtOf[e.A] != _districtOf[e.B]);

    private bool Connected(int district) => Territory.IsConnected(_districtOf, _neighbours, district);
}
