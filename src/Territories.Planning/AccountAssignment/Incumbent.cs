using Territories.Domain.Evaluation;
using Territories.Domain.Model;

namespace Territories.Planning.AccountAssignment;

/// <summary>The best plan so far that the evaluator found feasible, with when it was found; reports each improvement.</summary>
internal sealed class Incumbent(TerritoryProblem problem, SolveClock clock, IProgress<PlanSnapshot>? progress)
{
    private readonly Lock _lock = new();

    public TerritoryProblem Problem => problem;

    public int[]? RepOf { get; private set; }
    public PlanEvaluation? Evaluation { get; private set; }
    public double? FirstFeasibleSeconds { get; private set; }
    public int Solutions { get; private set; }
    public decimal? Bound { get; private set; }
    /// <summary>Which proof gave <see cref="Bound"/>: "lp-relaxation", "column-generation", "exact-cover" or "cp-sat".</summary>
    public string? BoundSource { get; private set; }

    public void ImproveBound(double bound, string source)
    {
        if (!double.IsFinite(bound) || (Bound is { } b && b >= (decimal)bound)) return;
        Bound = (decimal)bound;
        BoundSource = source;
    }

    /// <summary>Keeps the plan when it is feasible and better than the incumbent; returns true when it was kept.</summary>
    public bool Offer(int[] repOf, string source)
    {
        var evaluation = PlanEvaluator.Evaluate(problem, repOf);
        lock (_lock)
        {
            Solutions++;
            if (!evaluation.IsFeasible) return false;
            FirstFeasibleSeconds ??= clock.ElapsedSeconds;
            if (Evaluation is not null && evaluation.Objective >= Evaluation.Objective) return false;
            RepOf = repOf;
            Evaluation = evaluation;
            progress?.Report(new PlanSnapshot(evaluation.Objective, Bound, clock.ElapsedSeconds, Solutions, source));
            return true;
        }
    }
}

/// <summary>Elapsed time of one solve, from the injected <see cref="TimeProvider"/>.</summary>
internal sealed class SolveClock(TimeProvider time, double limitSeconds)
{
    private readonly long _start = time.GetTimestamp();

    public double ElapsedSeconds => time.GetElapsedTime(_start).TotalSeconds;

    public TimeSpan Remaining => TimeSpan.FromSeconds(Math.Max(0, limitSeconds - ElapsedSeconds));
}
