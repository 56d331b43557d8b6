using System.Globalization;
using Territories.Domain.Plans;
using Territories.Planning.Medians;

namespace Territories.Quality;

/// <summary>
/// The capacitated p-median sets: OR-Library pmedcap1 (<c>number optimum / n p Q / id x y demand</c>, distances
/// floor(Euclidean), as its optima need) and Lorena-Senne (<c>n p / x y capacity demand</c>, real Euclidean distances).
/// </summary>
internal static class MedianQuality
{
    public static bool IsMedianSet(string set) => Path.GetFileName(set.TrimEnd('/')).StartsWith("cpmp-", StringComparison.Ordinal);

    public static async Task<Row> Measure(Instance instance, RunOptions options)
    {
        var (median, size) = Read(await File.ReadAllLinesAsync(instance.File));
        var results = Enumerable.Range(0, options.Repetitions)
            .Select(seed => CapacitatedMedians.Solve(median, options.TimeLimit, options.Workers, seed))
            .OrderBy(r => r.Objective ?? double.MaxValue).ToList();
        var result = results[results.Count / 2];
        var status = result.Objective is null ? PlanStatus.Unknown : result.Optimal ? PlanStatus.Optimal : PlanStatus.Feasible;
        return new Row(instance.Set, instance.Name, size, instance.BestKnown,
            result.Objective is { } o ? Math.Round((decimal)o, 2) : null, result.Bound is { } b ? Math.Round((decimal)b, 2) : null,
            result.Bound is null ? null : "cp-sat", double.IsNaN(result.FirstPlanSeconds) ? null : result.FirstPlanSeconds, result.Seconds, status);
    }

    private static (CapacitatedMedianInstance Instance, string Size) Read(string[] lines)
    {
        static double[] Numbers(string line) => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var rows = lines.Where(l => l.Trim().Length > 0).Select(Numbers).ToList();
        var orLibrary = rows[1].Length == 3;
        var header = orLibrary ? rows[1] : rows[0];
        var (n, p) = ((int)header[0], (int)header[1]);
        var points = rows.Skip(orLibrary ? 2 : 1).Take(n).ToList();
        var (x, y) = (points.Select(r => r[orLibrary ? 1 : 0]).ToArray(), points.Select(r => r[orLibrary ? 2 : 1]).ToArray());
        var demand = points.Select(r => r[3]).ToArray();
        var capacity = points.Select(r => orLibrary ? header[2] : r[2]).ToArray();
        double Euclid(int i, int j) => Math.Sqrt((x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j]));
        Func<int, int, double> distance = orLibrary ? (i, j) => Math.Floor(Euclid(i, j)) : Euclid;
        return (new CapacitatedMedianInstance(demand, capacity, p, distance), $"{n} points, p={p}");
    }
}
