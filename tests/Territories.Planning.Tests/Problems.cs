using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;

namespace Territories.Planning.Tests;

/// <summary>Small problems and a reproducible solver for the solver's tests.</summary>
internal static class Problems
{
    /// <summary>One worker and a deterministic limit: the same answer on every machine.</summary>
    public static SolveOptions Options(ObjectiveWeights weights, BalanceRule? balance = null, double? maxMovedShare = null, bool pairsOnly = false) =>
        SolveOptions.Default with
        {
            Weights = weights,
            WeightsGiven = true,
            Balance = balance ?? BalanceRule.Default,
            MaxMovedShare = maxMovedShare,
            PairsOnly = pairsOnly,
            Workers = 1,
            // A safety net only: the tests stop on deterministic time, so how far they get does not depend on the machine's load.
            TimeLimitSeconds = 600,
        };

    public static readonly ObjectiveWeights CostOnly = new(0, 0, 0, 1);
    public static readonly ObjectiveWeights TravelOnly = new(0, 1, 0, 0);

    public static Plan Solve(TerritoryProblem problem, double deterministicTime = 5, IProgress<PlanSnapshot>? progress = null) =>
        new AssignmentSolver(deterministicTime: deterministicTime).SolveAsync(problem, progress).GetAwaiter().GetResult();

    public static string RepOf(Plan plan, string account) => plan.Assignments.Single(a => a.AccountId.Value == account).RepId.Value;

    /// <summary>Re-checks a plan with the evaluator: feasible, and the plan's numbers are the evaluator's.</summary>
    public static PlanEvaluation AssertValid(TerritoryProblem problem, Plan plan, bool requireBound = true)
    {
        var evaluation = PlanEvaluator.Evaluate(problem, plan.Assignments);
        Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
        Assert.Equal(evaluation.Objective, plan.Objective);
        if (requireBound) Assert.NotNull(plan.Bound);
        if (plan.Bound is { } bound) Assert.True(bound <= plan.Objective, $"bound {bound} above objective {plan.Objective}");
        return evaluation;
    }

    /// <summary>
    /// A city rep that may own 20 accounts (capacity 200) and an upstate rep (capacity 600): 40 small accounts (2 h) lie
    /// around the city, 30 large ones (20 h) around upstate. Fair share: 170 h for the city rep (band [153, 187], ±10%),
    /// 510 h upstate. Each account's nearest rep holds its own kind only; the city rep needs larger accounts to reach its
    /// band within its limit (20 small accounts are 40 h). <paramref name="today"/>: the city rep holds the first 20 small
    /// accounts (at its limit, under its band), upstate the rest.
    /// </summary>
    public static TerritoryProblem CityAmongSmallAccounts(bool today = false, double? maxMovedShare = null)
    {
        var random = new Random(5);
        GeoPoint Near(double lat, double lon) => new(lat + 0.2 * random.NextDouble(), lon + 0.2 * random.NextDouble());
        var reps = new[]
        {
            Territories.Tests.Shared.Build.Rep("city", capacity: 200, home: new GeoPoint(40.7, -74.0), maxAccounts: 20),
            Territories.Tests.Shared.Build.Rep("upstate", capacity: 600, home: new GeoPoint(43.0, -76.0)),
        };
        var accounts = Enumerable.Range(0, 40)
            .Select(i => Territories.Tests.Shared.Build.Account($"small-{i}", 2, location: Near(40.7, -74.0), current: today ? i < 20 ? "city" : "upstate" : null))
            .Concat(Enumerable.Range(0, 30).Select(i => Territories.Tests.Shared.Build.Account($"large-{i}", 20, location: Near(43.0, -76.0), current: today ? "upstate" : null)))
            .ToList();
        return TerritoryProblem.Create(reps, accounts, Options(new ObjectiveWeights(0, 1, 1, 0), new BalanceRule(BalanceMetric.Workload, 0.10), maxMovedShare));
    }

    /// <summary>The optimum of a small problem, proven by CP-SAT on the whole model (one worker, deterministic).</summary>
    public static decimal ProvenOptimum(TerritoryProblem problem, AssignmentData data)
    {
        var model = new CpSatModel(data, switchableRules: false, referenceMetricTotal: null);
        var outcome = CpSatRun.Solve(model, new SolveSettings(TimeSpan.FromSeconds(120), 1, 0, 60), null, CancellationToken.None);
        Assert.Equal(Google.OrTools.Sat.CpSolverStatus.Optimal, outcome.Status);
        return PlanEvaluator.Evaluate(problem, outcome.Best!).Objective;
    }

    /// <summary>
    /// A seeded generalised assignment instance: every pair listed, costs and workloads random, capacities 80% of a fair
    /// share. <paramref name="typeD"/>: Chu and Beasley's type D, the hardest kind: workloads 1-100, each pair's cost 111
    /// minus its workload plus noise (the cheap reps are the ones an account costs most capacity).
    /// </summary>
    public static TerritoryProblem Gap(int agents, int jobs, int seed, bool typeD = false, BalanceRule? balance = null, ObjectiveWeights? weights = null)
    {
        var random = new Random(seed);
        var reps = Enumerable.Range(0, agents).Select(i => Territories.Tests.Shared.Build.Rep($"r{i}", 0)).ToList();
        var accounts = Enumerable.Range(0, jobs).Select(j => new Account(new AccountId($"a{j}"), null, null, null, null,
            new HashSet<string>(), null, 0, 0, null, null, null)).ToList();
        var pairs = new List<Pair>();
        var load = new double[agents];
        for (var i = 0; i < agents; i++)
            for (var j = 0; j < jobs; j++)
            {
                var w = typeD ? random.Next(1, 101) : random.Next(5, 26);
                load[i] += w;
                pairs.Add(new Pair(new AccountId($"a{j}"), new RepId($"r{i}"), typeD ? 111 - w + random.Next(-10, 11) : random.Next(10, 51), w));
            }
        reps = reps.Select((r, i) => r with { Capacity = Math.Floor(0.8 * load[i] / agents) }).ToList();
        return TerritoryProblem.Create(reps, accounts, Options(weights ?? CostOnly, balance, pairsOnly: true), pairs);
    }
}

/// <summary>Calls back on the reporting thread, unlike <see cref="Progress{T}"/>.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
