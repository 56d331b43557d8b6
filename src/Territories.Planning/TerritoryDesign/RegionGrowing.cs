namespace Territories.Planning.TerritoryDesign;

/// <summary>
/// A first contiguous plan: each rep starts from its cheapest unit (nearest its home when travel is weighted) and the
/// least loaded rep, relative to its fair share, takes its cheapest unassigned neighbouring unit, until no rep can grow;
/// units no territory reaches go to their cheapest eligible rep. Then <see cref="BandRepair"/> moves and swaps boundary
/// units towards the balance band while every territory stays connected. CP-SAT's hint, not a final plan.
/// </summary>
internal static class RegionGrowing
{
    public static int[] Build(UnitData data, IReadOnlyList<double> fairShare, CancellationToken cancel)
    {
        var repOf = Enumerable.Repeat(-1, data.UnitCount).ToArray();
        var neighbours = data.Neighbours;
        var load = new double[data.RepCount];
        Seed(data, repOf, load, neighbours);
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
        new BandRepair(data, repOf, fairShare, neighbours).Run(cancel);
        return repOf;
    }

    /// <summary>
    /// Each rep's first unit: its cheapest per hour (nearest its home when travel is weighted); among equally cheap units
    /// (no geography, as in districting) the one farthest, in steps on the unit graph, from the seeds already taken.
    /// </summary>
    private static void Seed(UnitData data, int[] repOf, double[] load, List<int>[] neighbours)
    {
        var hops = Enumerable.Repeat(int.MaxValue, data.UnitCount).ToArray();
        foreach (var r in Enumerable.Range(0, data.RepCount))
        {
            var seed = Enumerable.Range(0, data.UnitCount).Where(u => repOf[u] < 0 && data.Eligible[u][r])
                .OrderBy(u => Math.Round(data.Cost[u][r] / Math.Max(1e-9, data.Workload[u][r]), 12)).ThenByDescending(u => hops[u]).ThenBy(u => u)
                .FirstOrDefault(-1);
            if (seed < 0) continue;
            repOf[seed] = r;
            load[r] += data.Metric[seed][r];
            UpdateHops(seed, hops, neighbours);
        }
    }

    private static void UpdateHops(int seed, int[] hops, List<int>[] neighbours)
    {
        hops[seed] = 0;
        var queue = new Queue<int>([seed]);
        while (queue.TryDequeue(out var u))
        {
            foreach (var v in neighbours[u].Where(v => hops[v] > hops[u] + 1))
            {
                hops[v] = hops[u] + 1;
                queue.Enqueue(v);
            }
        }
    }
}
