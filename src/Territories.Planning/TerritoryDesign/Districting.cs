using Google.OrTools.Sat;
using Territories.Planning.AccountAssignment;
using Territories.Domain.Model;

namespace Territories.Planning.TerritoryDesign;

/// <summary>
/// A political-districting style instance: units with populations and neighbour edges, to be split into
/// <paramref name="Districts"/> districts whose populations lie within [<paramref name="Lower"/>, <paramref name="Upper"/>],
/// each connected when <paramref name="Contiguous"/>, with as few cut edges (neighbours in different districts) as possible.
/// </summary>
public sealed record DistrictingInstance(IReadOnlyList<long> Population, IReadOnlyList<(int A, int B)> Edges, int Districts, long Lower, long Upper, bool Contiguous);

/// <summary>The district of each unit (null without a plan), its cut edges, the proven lower bound and the time to the first plan.</summary>
public sealed record DistrictingResult(int[]? DistrictOf, int? CutEdges, double? Bound, bool Optimal, double FirstPlanSeconds, double Seconds);

/// <summary>
/// Solves districting instances with the territory-design machinery: the region-growing construction for a contiguous,
/// rebalanced start, simulated annealing on the cut edges (<see cref="CutRefinement"/>) for most of the time, then CP-SAT
/// with the same contiguity flow, the population band and the cut edges as objective, from the annealed plan.
/// Used by the quality runner against published optima (Validi and Buchanan 2022).
/// </summary>
public static class Districting
{
    public static DistrictingResult Solve(DistrictingInstance instance, double timeLimitSeconds, int workers, int seed = 0)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var data = new UnitData(AsTerritoryProblem(instance));
        var fair = instance.Population.Sum() / (double)instance.Districts;
        var hint = RegionGrowing.Build(data, Enumerable.Repeat(fair, instance.Districts).ToArray(), CancellationToken.None);
        var firstPlan = WithinBand(instance, hint) ? started.Elapsed.TotalSeconds : double.NaN;
        var unitEdges = instance.Edges.Select(e => (Math.Min(e.A, e.B), Math.Max(e.A, e.B))).Distinct().ToList();
        if (instance.Contiguous && !double.IsNaN(firstPlan) && instance.Population.Count >= AnnealAbove)
            hint = new CutRefinement(hint, instance.Population, data.Neighbours, unitEdges, instance.Lower, instance.Upper, seed)
                .Run(TimeSpan.FromSeconds(timeLimitSeconds * RefinementShare));

        var model = new CpModel();
        var n = instance.Population.Count;
        // Districts are interchangeable: number them by their lowest unit, so unit u is in a district numbered at most u.
        var x = Enumerable.Range(0, n).Select(u => Enumerable.Range(0, instance.Districts)
            .Select(d => d <= u ? model.NewBoolVar($"x_{u}_{d}") : null).ToArray()).ToArray();
        var used = Enumerable.Range(0, instance.Districts).Select(d => model.NewBoolVar($"used_{d}")).ToArray();
        foreach (var u in used) model.Add(u == 1);
        for (var u = 0; u < n; u++) model.AddExactlyOne(x[u].OfType<BoolVar>());
        for (var d = 0; d < instance.Districts; d++)
        {
            var members = Enumerable.Range(0, n).Where(u => x[u][d] is not null).ToList();
            var population = LinearExpr.WeightedSum(members.Select(u => x[u][d]!), members.Select(u => instance.Population[u]));
            model.Add(population >= instance.Lower);
            model.Add(population <= instance.Upper);
        }
        var contiguity = instance.Contiguous ? ContiguityFlow.Add(model, x, used, unitEdges) : null;
        var cut = unitEdges.Select(_ => model.NewBoolVar("cut")).ToArray();
        for (var e = 0; e < unitEdges.Count; e++)
        {
            var (a, b) = unitEdges[e];
            for (var d = 0; d < instance.Districts; d++)
            {
                // An edge is cut when one end is in the district and the other is not (a missing variable is 0).
                if (x[a][d] is { } xa) model.Add(cut[e] >= (x[b][d] is { } xb ? xa - xb : (LinearExpr)xa));
                if (x[b][d] is { } xb2) model.Add(cut[e] >= (x[a][d] is { } xa2 ? xb2 - xa2 : (LinearExpr)xb2));
            }
        }
        model.Minimize(LinearExpr.Sum(cut));
        HintRenumbered(model, x, hint, contiguity, data);

        var settings = new SolveSettings(TimeSpan.FromSeconds(timeLimitSeconds) - started.Elapsed, workers, seed, null);
        var search = CpSatHarness.Run(model, settings, _ => { if (double.IsNaN(firstPlan)) firstPlan = started.Elapsed.TotalSeconds; }, CancellationToken.None);
        if (!search.HasSolution)
            return new DistrictingResult(null, null, null, false, double.NaN, started.Elapsed.TotalSeconds);
        var districtOf = Enumerable.Range(0, n).Select(u => Array.FindIndex(x[u], v => v is not null && search.Value(v))).ToArray();
        var cutEdges = unitEdges.Count(e => districtOf[e.Item1] != districtOf[e.Item2]);
        return new DistrictingResult(districtOf, cutEdges, search.Bound, search.Status == CpSolverStatus.Optimal, firstPlan, started.Elapsed.TotalSeconds);
    }

    /// <summary>Below this many units CP-SAT alone proves the optimum quickly (county instances); above, annealing first pays.</summary>
    public const int AnnealAbove = 200;

    /// <summary>The share of the time the cut-edge annealing gets before CP-SAT.</summary>
    public const double RefinementShare = 0.8;

    private static bool WithinBand(DistrictingInstance instance, int[] districtOf) =>
        districtOf.Select((d, u) => (d, u)).GroupBy(p => p.d).Select(g => g.Sum(p => instance.Population[p.u]))
            .All(load => load >= instance.Lower && load <= instance.Upper) && districtOf.Distinct().Count() == instance.Districts;

    /// <summary>One account per unit (workload = population), one rep per district: the form region growing works on.</summary>
    private static TerritoryProblem AsTerritoryProblem(DistrictingInstance instance)
    {
        var n = instance.Population.Count;
        var neighbours = Enumerable.Range(0, n).Select(_ => new List<UnitId>()).ToArray();
        foreach (var (a, b) in instance.Edges) neighbours[a].Add(new UnitId($"u{b}"));
        var units = Enumerable.Range(0, n).Select(u => new Unit(new UnitId($"u{u}"), neighbours[u])).ToList();
        var accounts = Enumerable.Range(0, n).Select(u => new Account(new AccountId($"a{u}"), null, null, null, null, new HashSet<string>(),
            instance.Population[u], 0, 0, null, null, new UnitId($"u{u}"))).ToList();
        var reps = Enumerable.Range(0, instance.Districts).Select(d => new Rep(new RepId($"d{d}"), null, null, new HashSet<string>(), instance.Upper, null, null)).ToList();
        var fair = instance.Population.Sum() / (double)instance.Districts;
        var tolerance = Math.Max((instance.Upper - fair) / fair, (fair - instance.Lower) / fair);
        var options = SolveOptions.Default with
        {
            Weights = new ObjectiveWeights(0, 0, 0, 0), WeightsGiven = true, Contiguity = instance.Contiguous,
            Balance = new BalanceRule(BalanceMetric.Workload, Math.Clamp(tolerance, 0, 1)),
        };
        return TerritoryProblem.Create(reps, accounts, options, units: units);
    }

    /// <summary>Hints the region-growing plan with its districts renumbered by their lowest unit, as the symmetry breaking wants.</summary>
    private static void HintRenumbered(CpModel model, BoolVar?[][] x, int[] hint, ContiguityFlow.Variables? contiguity, UnitData data)
    {
        var order = hint.Select((d, u) => (d, u)).GroupBy(p => p.d).OrderBy(g => g.Min(p => p.u)).Select((g, i) => (g.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var renumbered = hint.Select(d => order[d]).ToArray();
        for (var u = 0; u < x.Length; u++)
        for (var d = 0; d < x[u].Length; d++)
            if (x[u][d] is { } v) model.AddHint(v, renumbered[u] == d);
        contiguity?.Hint(model, renumbered, data.Neighbours);
    }
}
