using System.Globalization;
using Google.OrTools.Sat;
using Territories.Domain.Evaluation;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;
using Territories.Planning.Rules;

namespace Territories.Planning.Diagnostics;

/// <summary>
/// When CP-SAT proves a request infeasible that no pre-check explained, re-solves with each rule group behind an
/// assumption literal and names the groups in the infeasible core, in the user's terms.
/// </summary>
internal static class ConflictExplainer
{
    private static readonly SolveSettings Settings = new(TimeSpan.FromSeconds(20), 1, 0, null);

    public static Diagnostic Explain(AssignmentData data, CancellationToken cancel)
    {
        var model = new CpSatModel(data, switchableRules: true, referenceMetricTotal: null);
        var outcome = CpSatRun.Solve(model, Settings, null, cancel);
        var rules = outcome.ConflictingRules.Count > 0 ? outcome.ConflictingRules : model.RuleSwitches.Keys.Order().ToList();
        var described = rules.Select(rule => Describe(data, rule)).ToList();
        var message = described.Count switch
        {
            0 => "no plan gives every account one eligible rep",
            1 => $"no plan meets {described[0]}, given each account's eligible reps",
            _ => $"no plan meets these rules together: {string.Join("; ", described)}. Relaxing one of them may make a plan possible",
        };
        return new Diagnostic(DiagnosticCodes.ConflictingRules, message, null, null, rules);
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
