using Google.OrTools.Sat;

namespace Territories.Planning.AccountAssignment;

/// <summary>What a CP-SAT run ended with.</summary>
/// <param name="Best">Rep index per account of the best plan found, or null.</param>
/// <param name="Bound">The solver's proven bound on the model's objective, divided back to the objective's scale.</param>
internal sealed record CpSatOutcome(CpSolverStatus Status, int[]? Best, double? Bound, int Solutions, IReadOnlyList<string> ConflictingRules);

/// <summary>Runs a <see cref="CpSatModel"/> of accounts through the harness, offering each better plan as rep indices.</summary>
internal static class CpSatRun
{
    public static CpSatOutcome Solve(CpSatModel model, SolveSettings settings, Action<int[]>? onSolution, CancellationToken cancel)
    {
        int[]? best = null;
        var search = CpSatHarness.Run(model.Model, settings, solution =>
        {
            best = model.ReadSolution(solution.BooleanValue);
            onSolution?.Invoke(best);
        }, cancel);
        var conflicting = search.Status == CpSolverStatus.Infeasible && model.SwitchableRules
            ? ConflictingRules(model, search.ConflictingAssumptions())
            : [];
        return new CpSatOutcome(search.Status, best, search.Bound / model.ObjectiveScale, search.Solutions, conflicting);
    }

    private static List<string> ConflictingRules(CpSatModel model, IEnumerable<int> literals)
    {
        var indices = literals.ToHashSet();
        return model.RuleSwitches.Where(kv => indices.Contains(kv.Value.GetIndex())).Select(kv => kv.Key).Order().ToList();
    }
}
