using Territories.Domain.Hiring;

namespace Territories.Planning.Tests.Hiring;

/// <summary>
/// An independent reading of contract section 6, written for the tests only: the profiles a request allows, the hours a
/// rep or hire gives in a quarter, and the least demand a set of hires must leave uncovered (a maximum flow per region
/// and quarter from reps and hires to the demand of the skills they hold, by augmenting paths).
/// </summary>
internal sealed class CoverageOracle(HiringRequest request)
{
    /// <summary>Region and skill set of every profile: skill sets seen among a region's reps, and single skills demanded there.</summary>
    public IReadOnlyList<(string Region, IReadOnlyList<string> Skills)> Profiles { get; } =
        request.Reps.Where(r => r.Skills.Count > 0).Select(r => (r.Region, Sorted(r.Skills)))
            .Concat(request.Demand.Select(d => (d.Region, Sorted([d.Skill]))))
            .DistinctBy(p => $"{p.Item1}|{string.Join(",", p.Item2)}").ToList();

    public double HireHours(int k) => k < 0 ? 0
        : request.HireCapacity / 4 * request.TargetUtilization * (k < request.Ramp.Count ? request.Ramp[k] : 1) * Math.Pow(1 - request.AttritionPerYear, k / 4.0);

    public double RepHours(HiringRep rep, int t)
    {
        var quarter = request.Start.Plus(t);
        var share = rep.EndDate is not { } end || end >= quarter.End ? 1
            : end < quarter.Start ? 0 : (end.DayNumber - quarter.Start.DayNumber + 1.0) / (quarter.End.DayNumber - quarter.Start.DayNumber + 1);
        return rep.Capacity / 4 * request.TargetUtilization * Math.Pow(1 - request.AttritionPerYear, t / 4.0) * share;
    }

    /// <summary>Least uncovered hours over the horizon with these hires (quarter, region, skills, count).</summary>
    public double Uncovered(IEnumerable<Hire> hires)
    {
        var list = hires.ToList();
        var total = 0.0;
        for (var t = 0; t < request.Quarters; t++)
        {
            var quarter = request.Start.Plus(t);
            foreach (var region in request.Demand.Select(d => d.Region).Distinct())
            {
                var rows = request.Demand.Where(d => d.Quarter == quarter && d.Region == region).ToList();
                var supplies = request.Reps.Where(r => r.Region == region).Select(r => (Hours: RepHours(r, t), Skills: (IReadOnlyCollection<string>)r.Skills))
                    .Concat(list.Where(h => h.Region == region).Select(h => (Hours: h.Count * HireHours(t - QuarterIndex(h.Quarter)), Skills: (IReadOnlyCollection<string>)h.Skills)))
                    .Where(s => s.Hours > 0).ToList();
                total += rows.Sum(r => r.Workload) - MaxFlow(supplies, rows);
            }
        }
        return total;
    }

    public int QuarterIndex(string quarter) => Quarter.TryParse(quarter, out var q) ? q.Minus(request.Start) : throw new FormatException(quarter);

    /// <summary>Edmonds-Karp on source -> supplies -> demand rows -> sink.</summary>
    private static double MaxFlow(List<(double Hours, IReadOnlyCollection<string> Skills)> supplies, List<HiringDemand> rows)
    {
        var n = supplies.Count + rows.Count + 2;
        int source = n - 2, sink = n - 1;
        var capacity = new double[n, n];
        for (var i = 0; i < supplies.Count; i++)
        {
            capacity[source, i] = supplies[i].Hours;
            for (var j = 0; j < rows.Count; j++)
                if (supplies[i].Skills.Contains(rows[j].Skill)) capacity[i, supplies.Count + j] = double.PositiveInfinity;
        }
        for (var j = 0; j < rows.Count; j++) capacity[supplies.Count + j, sink] = rows[j].Workload;
        var flow = 0.0;
        while (true)
        {
            var parent = Enumerable.Repeat(-1, n).ToArray();
            parent[source] = source;
            var queue = new Queue<int>([source]);
            while (queue.Count > 0 && parent[sink] < 0)
            {
                var u = queue.Dequeue();
                for (var v = 0; v < n; v++)
                    if (parent[v] < 0 && capacity[u, v] > 1e-9)
                    {
                        parent[v] = u;
                        queue.Enqueue(v);
                    }
            }
            if (parent[sink] < 0) return flow;
            var push = double.PositiveInfinity;
            for (var v = sink; v != source; v = parent[v]) push = Math.Min(push, capacity[parent[v], v]);
            for (var v = sink; v != source; v = parent[v])
            {
                capacity[parent[v], v] -= push;
                capacity[v, parent[v]] += push;
            }
            flow += push;
        }
    }

    private static IReadOnlyList<string> Sorted(IEnumerable<string> skills) => skills.Order(StringComparer.Ordinal).ToList();
}
