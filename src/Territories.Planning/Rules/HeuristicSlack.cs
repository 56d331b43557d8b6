using Territories.Domain.Evaluation;

namespace Territories.Planning.Rules;

/// <summary>
/// How far past a bound the construction and repair still call a rule met: half the evaluator's slack, so every plan the
/// heuristics call feasible passes the evaluator.
/// </summary>
internal static class HeuristicSlack
{
    public static double Of(double bound) => PlanEvaluator.RelativeSlack / 2 * Math.Max(1.0, Math.Abs(bound));
}
