using System.Globalization;
using Google.OrTools.Sat;
using Territories.Domain.Evaluation;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;
using Territories.Planning.Rules;

namespace Territories.Planning.Diagnostics;

/// <summary>
/// When CP-SAT proves a request infeasible that no pre-check explained, re-solves with each rule group behind an
/// assumption literal, reduces the infeasible core to a minimal one and names its groups in the user's terms.
/// </summary>
internal static class ConflictExplainer
{
    private static readonly SolveSettings Settings = new(TimeSpan.FromSeconds(20), 1, 0, null);

    /// <summary>
    /// Each try at dropping a group: a proof or a plan usually comes in a few seconds (3 s for each group south-1000-s501
    /// does not need), while a model left with the easy rules can hold CP-SAT's one worker for all its time without
    /// either (20 s there without the band); the group then stays, and the rules named are still a true conflict.
    /// </summary>
    private static readonly SolveSettings DropSettings = Settings with { TimeLimit = TimeSpan.FromSeconds(5) };

    public static Diagnostic Explain(AssignmentData data, CancellationToken cancel)
    {
        var model = new CpSatModel(data, switchableRules: true, referenceMetricTotal: null);
        var outcome = CpSatRun.Solve(model, Settings, null, cancel);
        var core = outcome.ConflictingRules.Count > 0 ? outcome.ConflictingRules : model.RuleSwitches.Keys.Order().ToList();
        var rules = Minimal(model, core, cancel);
        var described = rules.Select(rule => Describe(data, rule)).ToList();
        var message = described.Count switch
        {
            0 => "no plan gives every account one eligible rep",
            1 => $"no plan meets {described[0]}, given each account's eligible reps",
            _ => $"no plan meets these rules together: {string.Join("; ", described)}. Relaxing one of them may make a plan possible",
        };
        return new Diagnostic(DiagnosticCodes.ConflictingRules, message, null, null, rules);
    }

    /// <summary>
    /// The core without the groups it does not need. CP-SAT's core is sufficient, not minimal: on a realistic book whose
    /// band and skills alone conflict (south-1000-s501, before the band's group pre-check) it named capacity, maxAccounts
    /// and the move cap beside the band, and the user was told relaxing one of four might help, where relaxing three of
    /// them does not. Each group is dropped in turn and stays out when the rest are still proven infeasible without it
    /// (<see cref="DropSettings"/>).
    /// </summary>
    private static IReadOnlyList<string> Minimal(CpSatModel model, IReadOnlyList<string> core, CancellationToken cancel)
    {
        var kept = core.ToList();
        foreach (var rule in core)
        {
            if (kept.Count == 1 || cancel.IsCancellationRequested) break;
            var without = kept.Where(r => r != rule).ToList();
            if (ProvenInfeasible(model, without, cancel)) kept = without;
        }
        return kept;
    }

    /// <summary>
    /// Whether CP-SAT proves no plan meets these rule groups (the model's other switches free, so their groups may be
    /// off); stops at the first plan. The same switchable model serves every try: only its assumptions change.
    /// </summary>
    private static bool ProvenInfeasible(CpSatModel model, IReadOnlyList<string> rules, CancellationToken cancel)
    {
        model.Model.ClearAssumptions();
        model.Model.AddAssumptions(rules.Select(rule => (ILiteral)model.RuleSwitches[rule]));
        using var firstPlan = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        return CpSatRun.Solve(model, DropSettings, _ => firstPlan.Cancel(), firstPlan.Token).Status == CpSolverStatus.Infeasible;
    }

    private static string Describe(AssignmentData data, string rule)
    {
        var options = data.Problem.Options;
        return rule switch
        {
            RuleNames.Capacity => Capacity.Description,
            RuleNames.MaxAccounts => MaxAccounts.Description,
            RuleNames.Balance => data.Band?.Describe() ?? rule,
            RuleNames.MaxMovedShare => data.MoveCap.Describe(),
            _ => rule,
        };
    }
}
