using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;

namespace Territories.Planning.Hiring;

/// <summary>How a hiring solve ended.</summary>
/// <param name="Counts">Hires per profile and start quarter of the plan (the greedy plan when the MIP found none in time).</param>
/// <param name="Proven">Both stages proved their optimum.</param>
/// <param name="UncoveredBound">Proven least uncovered hours of any plan.</param>
/// <param name="Gap">The cost stage's relative gap; null when it found no plan of its own.</param>
internal sealed record StageOutcome(int[,] Counts, bool Proven, double? UncoveredBound, double? Gap, double Seconds);

/// <summary>
/// Solves a <see cref="HiringModel"/> in two stages, each to proven optimality unless the time runs out: first the least
/// uncovered demand (hours), then, with the uncovered hours held at that optimum, the least cost. Two objectives of very
/// different size are never mixed in one, so neither stage fights the other's numbers. A greedy plan starts the MIP, and
/// when a limit stops a stage the plan is polished until no single added hire covers more demand.
/// </summary>
internal static class LexicographicSolve
{
    /// <summary>Share of the budget the greedy first plan may use.</summary>
    private const double GreedyShare = 0.2;

    /// <summary>Share of the budget the first stage may use; the rest is kept for the cost stage.</summary>
    private const double FirstStageShare = 2.0 / 3;

    /// <summary>A stage counts as proven when its gap is below what the plan reports: 0.01 h of uncovered demand, one cent.</summary>
    private const double ProvenUncoveredHours = 0.01, ProvenCost = 0.01;

    /// <summary>Relative slack on the uncovered hours carried into the cost stage (the solver's feasibility tolerance).</summary>
    private const double UncoveredSlack = 1e-7;

    public static StageOutcome Run(HiringModel model, HireSearch search, TimeSpan budget, Action<string>? onStage)
    {
        var clock = Stopwatch.StartNew();
        var solver = model.Solver;
        var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0);

        onStage?.Invoke("first plan");
        var greedy = search.Greedy(() => clock.Elapsed > budget * GreedyShare);
        Hint(model, greedy);

        onStage?.Invoke("least uncovered demand");
        var objective = solver.Objective();
        objective.Clear();
        foreach (var shortfall in model.Shortfalls) objective.SetCoefficient(shortfall, 1);
        objective.SetMinimization();
        solver.SetTimeLimit(Milliseconds(budget * FirstStageShare - clock.Elapsed));
        AbsoluteGap(solver, ProvenUncoveredHours);
        var first = solver.Solve(parameters);
        var firstProven = first == Solver.ResultStatus.OPTIMAL;
        var counts = first == Solver.ResultStatus.FEASIBLE || firstProven ? model.Counts() : greedy;
        double? uncoveredBound = firstProven ? objective.Value() : first == Solver.ResultStatus.FEASIBLE ? Math.Max(0, objective.BestBound()) : null;
        if (!firstProven) search.Polish(counts);
        var uncovered = search.Uncovered(counts);

        onStage?.Invoke("least cost");
        var hold = solver.MakeConstraint(0, uncovered + ProvenUncoveredHours / 2 + UncoveredSlack * uncovered);
        foreach (var shortfall in model.Shortfalls) hold.SetCoefficient(shortfall, 1);
        objective.Clear();
        foreach (var (_, t, hires) in model.Hires) objective.SetCoefficient(hires, (double)model.CostOfHire[t]);
        objective.SetMinimization();
        Hint(model, counts);
        solver.SetTimeLimit(Milliseconds(budget - clock.Elapsed));
        AbsoluteGap(solver, ProvenCost);
        var second = solver.Solve(parameters);
        double? gap = null;
        if (second is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)
        {
            counts = model.Counts();
            var cost = objective.Value();
            gap = second == Solver.ResultStatus.OPTIMAL ? 0 : Math.Max(0, (cost - objective.BestBound()) / Math.Max(Math.Abs(cost), 1));
        }
        var proven = firstProven && second == Solver.ResultStatus.OPTIMAL;
        if (!proven && search.Polish(counts)) gap = null;
        return new StageOutcome(counts, proven, uncoveredBound, gap, clock.Elapsed.TotalSeconds);
    }

    private static void Hint(HiringModel model, int[,] counts)
    {
        var hires = model.Hires.ToList();
        model.Solver.SetHint(hires.Select(h => h.Hires).ToArray(), hires.Select(h => (double)counts[h.Profile, h.Quarter]).ToArray());
    }

    private static void AbsoluteGap(Solver solver, double gap) =>
        solver.SetSolverSpecificParametersAsString(string.Create(CultureInfo.InvariantCulture, $"limits/absgap = {gap}\n"));

    private static long Milliseconds(TimeSpan span) => Math.Max(1, (long)span.TotalMilliseconds);
}
