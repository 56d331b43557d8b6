using System.Diagnostics;
using Google.OrTools.Sat;
using Territories.Planning.AccountAssignment;

namespace Territories.Planning.Medians;

/// <summary>
/// A capacitated p-median instance: points with a demand, each a candidate median with a capacity; choose
/// <paramref name="Medians"/> of them and give every point to one chosen median within its capacity, minimising the sum
/// of distances (the question "where should the reps be based?"). <paramref name="Distance"/>(i, j) is the cost of
/// serving i from j.
/// </summary>
public sealed record CapacitatedMedianInstance(IReadOnlyList<double> Demand, IReadOnlyList<double> Capacity, int Medians, Func<int, int, double> Distance);

/// <summary>The median of each point, the objective, a proven lower bound when every pair was in the model, and times.</summary>
public sealed record CapacitatedMedianResult(int[]? MedianOf, double? Objective, double? Bound, bool Optimal, double FirstPlanSeconds, double Seconds);

/// <summary>
/// Solves capacitated p-median instances with CP-SAT: a greedy start (medians spread by demand-weighted distance, points
/// by regret to the nearest median with room) as a hint, then the exact model; above <see cref="PruneAbove"/> points
/// each point only considers its nearest candidate medians (then no bound is claimed).
/// </summary>
public static class CapacitatedMedians
{
    public const int PruneAbove = 500;
    public const int NearestCandidates = 25;

    /// <summary>Distances are multiplied by this and rounded down for CP-SAT; the objective is recomputed exactly.</summary>
    private const double Scale = 100;

    public static CapacitatedMedianResult Solve(CapacitatedMedianInstance instance, double timeLimitSeconds, int workers, int seed = 0)
    {
        var clock = Stopwatch.StartNew();
        var n = instance.Demand.Count;
        var pruned = n > PruneAbove;
        var candidates = Enumerable.Range(0, n).Select(i => pruned
            ? Enumerable.Range(0, n).OrderBy(j => instance.Distance(i, j)).Take(NearestCandidates).ToArray()
            : Enumerable.Range(0, n).ToArray()).ToArray();
        var hint = Greedy(instance, candidates);

        var model = new CpModel();
        var open = Enumerable.Range(0, n).Select(j => model.NewBoolVar($"open_{j}")).ToArray();
        model.Add(LinearExpr.Sum(open) == instance.Medians);
        var x = candidates.Select((c, i) => c.Select(j => model.NewBoolVar($"x_{i}_{j}")).ToArray()).ToArray();
        var served = Enumerable.Range(0, n).Select(_ => new List<(BoolVar X, long Demand)>()).ToArray();
        for (var i = 0; i < n; i++)
        {
            model.AddExactlyOne(x[i]);
            for (var k = 0; k < candidates[i].Length; k++)
            {
                model.AddImplication(x[i][k], open[candidates[i][k]]);
                served[candidates[i][k]].Add((x[i][k], (long)Math.Ceiling(instance.Demand[i])));
            }
        }
        for (var j = 0; j < n; j++)
            model.Add(LinearExpr.WeightedSum(served[j].Select(s => s.X), served[j].Select(s => s.Demand)) <= (long)Math.Floor(instance.Capacity[j]) * open[j]);
        model.Minimize(LinearExpr.WeightedSum(x.SelectMany(v => v),
            candidates.SelectMany((c, i) => c.Select(j => (long)Math.Floor(instance.Distance(i, j) * Scale)))));
        if (hint is not null)
        {
            for (var j = 0; j < n; j++) model.AddHint(open[j], hint.Value.Open.Contains(j));
            for (var i = 0; i < n; i++)
            for (var k = 0; k < candidates[i].Length; k++) model.AddHint(x[i][k], hint.Value.MedianOf[i] == candidates[i][k]);
        }

        var firstPlan = double.NaN;
        var settings = new SolveSettings(TimeSpan.FromSeconds(timeLimitSeconds) - clock.Elapsed, workers, seed, null);
        var search = CpSatHarness.Run(model, settings, _ => { if (double.IsNaN(firstPlan)) firstPlan = clock.Elapsed.TotalSeconds; }, CancellationToken.None);
        if (!search.HasSolution)
            return new CapacitatedMedianResult(null, null, null, false, double.NaN, clock.Elapsed.TotalSeconds);
        var medianOf = Enumerable.Range(0, n).Select(i => candidates[i][Array.FindIndex(x[i], v => search.Value(v))]).ToArray();
        var objective = Enumerable.Range(0, n).Sum(i => instance.Distance(i, medianOf[i]));
        return new CapacitatedMedianResult(medianOf, objective, pruned ? null : search.Bound / Scale,
            !pruned && search.Status == CpSolverStatus.Optimal, firstPlan, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Medians spread out (each next one the point with the most demand-weighted distance to the chosen ones), points
    /// assigned by regret, then improved by alternating (each cluster's median moves to the member that serves the
    /// cluster most cheaply, then every point is reassigned) while the total falls; null when a point finds no room.
    /// </summary>
    private static (HashSet<int> Open, int[] MedianOf)? Greedy(CapacitatedMedianInstance instance, int[][] candidates)
    {
        var n = instance.Demand.Count;
        var medians = new List<int> { Enumerable.Range(0, n).MaxBy(j => instance.Capacity[j]) };
        var nearest = Enumerable.Range(0, n).Select(i => instance.Distance(i, medians[0])).ToArray();
        while (medians.Count < instance.Medians)
        {
            var next = Enumerable.Range(0, n).Where(j => !medians.Contains(j)).MaxBy(j => nearest[j] * Math.Max(1e-9, instance.Demand[j]));
            medians.Add(next);
            for (var i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], instance.Distance(i, next));
        }
        var open = medians.ToHashSet();
        if (Assign(instance, candidates, open) is not { } medianOf) return null;
        var total = Total(instance, medianOf);
        for (var round = 0; round < 100; round++)
        {
            var moved = Relocated(instance, medianOf);
            if (moved.SetEquals(open) || Assign(instance, candidates, moved) is not { } reassigned) break;
            var reassignedTotal = Total(instance, reassigned);
            if (reassignedTotal >= total - 1e-9) break;
            (open, medianOf, total) = (moved, reassigned, reassignedTotal);
        }
        return (open, medianOf);
    }

    /// <summary>Each cluster's best median among its members: the least total distance, with capacity for the cluster.</summary>
    private static HashSet<int> Relocated(CapacitatedMedianInstance instance, int[] medianOf) =>
        medianOf.Select((m, i) => (m, i)).GroupBy(p => p.m).Select(cluster =>
        {
            var members = cluster.Select(p => p.i).ToList();
            var demand = members.Sum(i => instance.Demand[i]);
            return members.Where(k => instance.Capacity[k] >= demand).DefaultIfEmpty(cluster.Key)
                .MinBy(k => members.Sum(i => instance.Distance(i, k)));
        }).ToHashSet();

    /// <summary>Points by regret (largest gap between the nearest and second-nearest open median with room first); null when one finds no room.</summary>
    private static int[]? Assign(CapacitatedMedianInstance instance, int[][] candidates, HashSet<int> open)
    {
        var n = instance.Demand.Count;
        var room = Enumerable.Range(0, n).Select(j => open.Contains(j) ? instance.Capacity[j] : 0).ToArray();
        var medianOf = Enumerable.Repeat(-1, n).ToArray();
        var left = Enumerable.Range(0, n).ToHashSet();
        while (left.Count > 0)
        {
            var (point, median, _) = left.Select(i =>
            {
                var options = candidates[i].Where(j => room[j] >= instance.Demand[i]).OrderBy(j => instance.Distance(i, j)).Take(2).ToList();
                var regret = options.Count switch { 0 => double.MaxValue, 1 => double.MaxValue / 2, _ => instance.Distance(i, options[1]) - instance.Distance(i, options[0]) };
                return (Point: i, Median: options.Count > 0 ? options[0] : -1, Regret: regret);
            }).MaxBy(p => p.Regret);
            if (median < 0) return null;
            medianOf[point] = median;
            room[median] -= instance.Demand[point];
            left.Remove(point);
        }
        return medianOf;
    }

    private static double Total(CapacitatedMedianInstance instance, int[] medianOf) =>
        medianOf.Select((m, i) => instance.Distance(i, m)).Sum();
}
