using System.Globalization;
using Territories.Domain.Plans;
using Territories.Planning.TerritoryDesign;

namespace Territories.Quality;

/// <summary>
/// The districting set (Validi and Buchanan 2022): each instance's graph from <c>graphs_csv/</c>, k and the population
/// band from <c>instances.csv</c>, the contiguous variant's published optimum (cut edges) from <c>best_known.csv</c>.
/// </summary>
internal static class DistrictingQuality
{
    public static IEnumerable<Instance> InSet(string set)
    {
        var best = Instance.ReadBestKnown(Path.Combine(set, "best_known.csv"));
        var name = Path.GetFileName(set.TrimEnd('/'));
        return File.ReadLines(Path.Combine(set, "instances.csv")).Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal)
            .Select(i => new Instance(name, i, Path.Combine(set, "graphs_csv", i), best.GetValueOrDefault($"{i}:contiguous"), IsDistricting: true));
    }

    public static async Task<Row> Measure(Instance instance, RunOptions options)
    {
        var parameters = (await File.ReadAllLinesAsync(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(instance.File))!, "instances.csv")))
            .Select(l => l.Split(',')).Single(c => c[0] == instance.Name);
        var population = (await File.ReadAllLinesAsync(instance.File + ".nodes.csv")).Skip(1)
            .Select(l => l.Split(',')).OrderBy(c => int.Parse(c[0], CultureInfo.InvariantCulture))
            .Select(c => long.Parse(c[3], CultureInfo.InvariantCulture)).ToList();
        var edges = (await File.ReadAllLinesAsync(instance.File + ".edges.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => (int.Parse(c[0], CultureInfo.InvariantCulture), int.Parse(c[1], CultureInfo.InvariantCulture))).ToList();
        var k = int.Parse(parameters[4], CultureInfo.InvariantCulture);
        var districting = new DistrictingInstance(population, edges, k,
            long.Parse(parameters[5], CultureInfo.InvariantCulture), long.Parse(parameters[6], CultureInfo.InvariantCulture), Contiguous: true);
        var results = Enumerable.Range(0, options.Repetitions)
            .Select(seed => Districting.Solve(districting, options.TimeLimit, options.Workers, seed))
            .OrderBy(r => r.CutEdges ?? int.MaxValue).ToList();
        var median = results[results.Count / 2];
        var status = median.CutEdges is null ? PlanStatus.Unknown : median.Optimal ? PlanStatus.Optimal : PlanStatus.Feasible;
        return new Row(instance.Set, instance.Name, $"{population.Count} units, k={k}", instance.BestKnown, median.CutEdges,
            median.Bound is { } b ? (decimal)Math.Ceiling(b - 1e-6) : null, median.Bound is null ? null : "cp-sat",
            double.IsNaN(median.FirstPlanSeconds) ? null : median.FirstPlanSeconds, median.Seconds, status);
    }
}
