using Territories.Domain.Model;

namespace Territories.Domain.Plans;

/// <summary>The outcome of a solve.</summary>
public enum PlanStatus
{
    /// <summary>A plan proven optimal (objective equals the proven bound).</summary>
    Optimal,
    /// <summary>A plan that meets every hard rule, not proven optimal.</summary>
    Feasible,
    /// <summary>Proven: no plan meets the hard rules; diagnostics say which rules conflict.</summary>
    Infeasible,
    /// <summary>Time ran out before any plan was found.</summary>
    Unknown,
}

/// <summary>One account and the rep the plan gives it.</summary>
public sealed record Assignment(AccountId AccountId, RepId RepId);

/// <summary>A plan: the assignment with its objective, proven bound and everything needed to explain it.</summary>
/// <param name="Objective">The weighted, normalised objective recomputed by the evaluator; null without a plan.</param>
/// <param name="Bound">A proven lower bound on the objective, on the same scale; null when none was proven.</param>
/// <param name="Gap">(objective - bound) / max(|objective|, 1); null without both.</param>
/// <param name="FirstPlanSeconds">Seconds from the start until the first plan that met every hard rule.</param>
public sealed record Plan(
    PlanStatus Status,
    decimal? Objective,
    decimal? Bound,
    double? Gap,
    double SolveSeconds,
    double? FirstPlanSeconds,
    IReadOnlyList<Assignment> Assignments,
    IReadOnlyList<RepSummary> Reps,
    PlanKpis? Kpis,
    IReadOnlyList<ObjectiveTermValue> ObjectiveTerms,
    SolveReport Solver,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The plan's figures per org unit at every level (contract section 8); empty without an organisation.</summary>
    public IReadOnlyList<OrgUnitSummary> OrgUnits { get; init; } = [];

    /// <summary>Set when a planner made this plan by hand from another run's plan; null for a solved plan.</summary>
    public PlanEdit? Edit { get; init; }

    public static double? GapOf(decimal? objective, decimal? bound) =>
        objective is { } o && bound is { } b ? (double)((o - b) / Math.Max(Math.Abs(o), 1m)) : null;
}

/// <summary>A plan edited by hand: the run whose plan it started from, who edited it and when, and the accounts given to other reps.</summary>
public sealed record PlanEdit(string BaseRunId, string EditedBy, DateTimeOffset EditedAt, IReadOnlyList<Assignment> Moves);

/// <summary>How the plan was found: the bound's source and whether candidate pruning was used.</summary>
/// <param name="BoundSource">"cp-sat" (the solver's own proof), "lp-relaxation" (GLOP on every eligible pair),
/// "column-generation" (the master of rep columns on a generalised assignment book), "exact-cover" (that master's bound
/// raised past each objective the exact search proved no plan has) or null.</param>
/// <param name="CandidateReps">When pruning was used, how many nearest eligible reps each account was considered for; null when every eligible rep was.</param>
public sealed record SolveReport(string? BoundSource, int? CandidateReps, int Solutions, string Engine);
