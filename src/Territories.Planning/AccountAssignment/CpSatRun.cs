using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace Territories.Planning.AccountAssignment;

/// <summary>What a CP-SAT run ended with.</summary>
/// <param name="Best">Rep index per account of the best plan found, or null.</param>
/// <param name="Bound">The solver's proven bound on the model's objective, divided back to the objective's scale.</param>
internal sealed record CpSatOutcome(CpSolverStatus Status, int[]? Best, double? Bound, int Solutions, IReadOnlyList<string> ConflictingRules);

/// <summary>Runs a <see cref="CpSatModel"/>: time limit, workers and seed, progress on each better plan, cancellation.</summary>
internal static class CpSatRun
{
    public static CpSatOutcome Solve(CpSatModel model, SolveSettings settings, Action<int[]>? onSolution, CancellationToken cancel)
    {
        var solver = new CpSolver { StringParameters = Parameters(settings) };
        var callback = new SolutionCallback(model, onSolution);
        CpSolverStatus status;
        using (cancel.Register(solver.StopSearch))
        {
            status = solver.Solve(model.Model, callback);
        }
        double? bound = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? solver.BestObjectiveBound / model.ObjectiveScale : null;
        var conflicting = status == CpSolverStatus.Infeasible && model.SwitchableRules
            ? ConflictingRules(model, solver.SufficientAssumptionsForInfeasibility())
            : [];
        return new CpSatOutcome(status, callback.Best, bound, callback.Solutions, conflicting);
    }

    /// <summary>The CP-SAT parameters of a run: workers, seed, the wall-clock limit and, when set, the deterministic one.</summary>
    public static string Parameters(SolveSettings settings)
    {
        var parts = new List<string>
        {
            $"num_workers:{settings.Workers}",
            $"random_seed:{settings.Seed}",
            string.Create(CultureInfo.InvariantCulture, $"max_time_in_seconds:{Math.Max(0.01, settings.TimeLimit.TotalSeconds):0.###}"),
        };
        if (settings.DeterministicTime is { } deterministic)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"max_deterministic_time:{deterministic:0.###}"));
        return string.Join(", ", parts);
    }

    private static List<string> ConflictingRules(CpSatModel model, IEnumerable<int> literals)
    {
        var indices = literals.ToHashSet();
        return model.RuleSwitches.Where(kv => indices.Contains(kv.Value.GetIndex())).Select(kv => kv.Key).Order().ToList();
    }

    private sealed class SolutionCallback(CpSatModel model, Action<int[]>? onSolution) : CpSolverSolutionCallback
    {
        public int[]? Best { get; private set; }
        public int Solutions { get; private set; }

        public override void OnSolutionCallback()
        {
            var repOf = model.ReadSolution(BooleanValue);
            Best = repOf;
            Solutions++;
            onSolution?.Invoke(repOf);
        }
    }
}

/// <summary>A CP-SAT callback that only says a solution was found (for callers that read the solution once the search ends).</summary>
internal sealed class EachSolution(Action onSolution) : CpSolverSolutionCallback
{
    public override void OnSolutionCallback() => onSolution();
}

/// <summary>Search settings of one CP-SAT run.</summary>
/// <param name="DeterministicTime">When set, a reproducible limit in CP-SAT's deterministic time units (use with one worker).</param>
internal sealed record SolveSettings(TimeSpan TimeLimit, int Workers, int Seed, double? DeterministicTime);
