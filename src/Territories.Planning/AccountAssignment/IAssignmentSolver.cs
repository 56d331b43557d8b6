using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Planning.AccountAssignment;

/// <summary>Assigns accounts to reps: every hard rule as a constraint, the weighted soft goals as the objective.</summary>
public interface IAssignmentSolver
{
    /// <summary>
    /// Solves within <c>problem.Options.TimeLimitSeconds</c>. Reports each better plan to <paramref name="progress"/>;
    /// cancelling stops the search and returns the best plan found so far. Every returned plan was re-checked by the
    /// <see cref="Domain.Evaluation.PlanEvaluator"/>.
    /// </summary>
    Task<Plan> SolveAsync(TerritoryProblem problem, IProgress<PlanSnapshot>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>A better plan found during the search.</summary>
/// <param name="Objective">The evaluator's objective of the plan.</param>
/// <param name="Bound">The best proven bound so far, if any.</param>
/// <param name="Source">What found it: "current-plan", "construction", "lp-rounding" or "cp-sat".</param>
public sealed record PlanSnapshot(decimal Objective, decimal? Bound, double ElapsedSeconds, int Solutions, string Source);
