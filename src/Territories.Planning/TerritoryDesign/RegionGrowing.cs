namespace Territories.Planning.TerritoryDesign;

/// <summary>
/// A first contiguous plan: each rep starts from its cheapest unit (nearest its home when travel is weighted) and the
/// least loaded rep, relative to its fair share, takes its cheapest unassigned neighbouring unit, until no rep can grow;
/// units no territory reaches go to their cheapest eligible rep. Then boundary units move from over- to under-loaded
/// neighbours while the giving territory stays connected. Contiguous and roughly balanced: CP-SAT's hint, not a final plan.
/// </summary>
internal static class RegionGrowing
{
    public static int[] Build(UnitData data, IReadOnlyList<double> fairShare, CancellationToken cancel)
    {
        var repOf = Enumerable.Repeat(-1, data.UnitCount).ToArray();
        var neighbours = Neighbours(data);
        var load = new double[data.RepCount];
        Seed(data, repOf, load);
        while (!cancel.IsCancellationRequested)
        {
            var grown = false;
            foreach (var r in Enumerable.Range(0, data.RepCount).OrderBy(r => load[r] / Math.Max(1e-9, fairShare[r])))
            {
                var next = Enumerable.Range(0, data.UnitCount)
                    .Where(u => repOf[u] < 0 && data.Eligible[u][r] && neighbours[u].Any(v => repOf[v] == r))
                    .OrderBy(u => data.Cost[u][r]).ThenBy(u => u).FirstOrDefault(-1);
                if (next < 0) continue;
                repOf[next] = r;
                load[r] += data.Metric[next][r];
                grown = true;
                break;
            }
            if (!grown) break;
        }
        for (var u = 0; u < data.UnitCount; u++)
        {
            if (repOf[u] >= 0) continue;
            var r = Enumerable.Range(0, data.RepCount).Where(r => data.Eligible[u][r]).OrderBy(r => data.Cost[u][r]).FirstOrDefault(0);
            repOf[u] = r;
            load[r] += data.Metric[u][r];
        }
        Rebalance(data, repOf, load, fairShare, neighbours, cancel);
        return repOf;
    }

    private static void Seed(UnitData data, int[] repOf, double[] load)
    {
        foreach (var r in Enumerable.Range(0, data.RepCount))
        {
            var seed = Enumerable.Range(0, data.UnitCount).Where(u => repOf[u] < 0 && data.Eligible[u][r])
                .OrderBy(u => data.Cost[u][r] / Math.Max(1e-9, data.Workload[u][r])).ThenBy(u => u).FirstOrDefault(-1);
            if (seed < 0) continue;
            repOf[seed] = r;
            load[r] += data.Metric[seed][r];
        }
    }

    /// <summary>Moves boundary units to a neighbouring territory while that lowers the sum of squared relative deviations.</summary>
    private static void Rebalance(UnitData data, int[] repOf, double[] load, IReadOnlyList<double> fairShare, List<int>[] neighbours, CancellationToken cancel)
    {
        double Deviation(int r, double value) => fairShare[r] > 0 ? (value - fairShare[r]) / fairShare[r] : 0;
        for (var round = 0; round < 4 * data.UnitCount && !cancel.IsCancellationRequested; round++)
        {
            var best = (Unit: -1, To: -1, Gain: 1e-12);
            for (var u = 0; u < data.UnitCount; u++)
            {
                var from = repOf[u];
                foreach (var to in neighbours[u].Select(v => repOf[v]).Where(t => t != from && data.Eligible[u][t]).Distinct())
                {
                    var before = Math.Pow(Deviation(from, load[from]), 2) + Math.Pow(Deviation(to, load[to]), 2);
                    var after = Math.Pow(Deviation(from, load[from] - data.Metric[u][from]), 2) + Math.Pow(Deviation(to, load[to] + data.Metric[u][to]), 2);
                    if (before - after > best.Gain && StaysConnected(repOf, neighbours, u)) best = (u, to, before - after);
                }
            }
            if (best.Unit < 0) return;
            load[repOf[best.Unit]] -= data.Metric[best.Unit][repOf[best.Unit]];
            load[best.To] += data.Metric[best.Unit][best.To];
            repOf[best.Unit] = best.To;
        }
    }

    /// <summary>True when the unit's territory stays connected (and non-empty) without it.</summary>
    private static bool StaysConnected(int[] repOf, List<int>[] neighbours, int unit)
    {
        var rep = repOf[unit];
        var rest = Enumerable.Range(0, repOf.Length).Where(u => u != unit && repOf[u] == rep).ToList();
        if (rest.Count == 0) return false;
        var seen = new HashSet<int> { rest[0] };
        var queue = new Queue<int>([rest[0]]);
        while (queue.TryDequeue(out var u))
        {
            foreach (var v in neighbours[u])
                if (v != unit && repOf[v] == rep && seen.Add(v)) queue.Enqueue(v);
        }
        return seen.Count == rest.Count;
    }

    public static List<int>[] Neighbours(UnitData data)
    {
        var neighbours = Enumerable.Range(0, data.UnitCount).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in data.Edges)
        {
            neighbours[a].Add(b);
            neighbours[b].Add(a);
        }
        return neighbours;
    }
}
