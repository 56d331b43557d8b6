using Territories.Domain.Plans;

namespace Territories.Domain.Evaluation;

/// <summary>Everything the evaluator recomputes from a problem and an assignment.</summary>
public sealed record PlanEvaluation(
    IReadOnlyList<RuleViolation> Violations,
    IReadOnlyList<RepSummary> Reps,
    PlanKpis Kpis,
    IReadOnlyList<ObjectiveTermValue> ObjectiveTerms,
    decimal Objective,
    IReadOnlyList<OrgUnitSummary> OrgUnits)
{
    public bool IsFeasible => Violations.Count == 0;
}
