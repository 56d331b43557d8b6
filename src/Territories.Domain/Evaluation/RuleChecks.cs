using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Domain.Evaluation;

/// <summary>One check per hard rule; each returns the violations it finds.</summary>
internal static class RuleChecks
{
    public static IEnumerable<RuleViolation> All(TerritoryProblem problem, IReadOnlyList<int> repOf, RepTally tally) =>
        EachAccountOnce(problem, repOf)
            .Concat(Eligibility(problem, repOf))
            .Concat(Capacity(problem, tally))
            .Concat(MaxAccounts(problem, tally))
            .Concat(Balance(problem, tally))
            .Concat(MaxMovedShare(problem, repOf))
            .Concat(Contiguity.Check(problem, repOf));

    private static IEnumerable<RuleViolation> EachAccountOnce(TerritoryProblem problem, IReadOnlyList<int> repOf)
    {
        var unassigned = Enumerable.Range(0, repOf.Count).Where(a => repOf[a] < 0).Select(a => problem.Accounts[a].Id.Value).ToList();
        if (unassigned.Count > 0)
            yield return new RuleViolation(RuleNames.EachAccountOnce, $"{unassigned.Count} account(s) have no rep", unassigned, []);
    }

    private static IEnumerable<RuleViolation> Eligibility(TerritoryProblem problem, IReadOnlyList<int> repOf)
    {
        for (var a = 0; a < repOf.Count; a++)
        {
            var r = repOf[a];
            if (r < 0) continue;
            var account = problem.Accounts[a];
            var rep = problem.Reps[r];
            if (!rep.HasSkills(account.RequiredSkills))
            {
                var missing = account.RequiredSkills.Where(s => !rep.Skills.Contains(s));
                yield return new RuleViolation(RuleNames.Skills,
                    $"account {account.Id} needs skills rep {rep.Id} lacks: {string.Join(", ", missing)}", [account.Id.Value], [rep.Id.Value]);
            }
            if (account.LockedRepId is { } locked && locked != rep.Id)
                yield return new RuleViolation(RuleNames.Lock, $"account {account.Id} is locked to rep {locked}, not {rep.Id}", [account.Id.Value], [rep.Id.Value, locked.Value]);
            if (problem.Options.PairsOnly && problem.PairOf(a, r) is null)
                yield return new RuleViolation(RuleNames.PairsOnly, $"no pair allows account {account.Id} with rep {rep.Id}", [account.Id.Value], [rep.Id.Value]);
            if (!problem.IsWithinMoveUnit(a, r))
                yield return new RuleViolation(RuleNames.MoveWithin,
                    $"account {account.Id} leaves org unit {problem.Org.Units[problem.MoveUnitOf(a)].Id} for rep {rep.Id} (moveWithin level {problem.Options.MoveWithin})",
                    [account.Id.Value], [rep.Id.Value]);
        }
    }

    private static IEnumerable<RuleViolation> Capacity(TerritoryProblem problem, RepTally tally)
    {
        for (var r = 0; r < problem.Reps.Count; r++)
        {
            var capacity = problem.Reps[r].Capacity;
            if (tally.Workload[r] > capacity + Slack(capacity))
                yield return new RuleViolation(RuleNames.Capacity,
                    $"rep {problem.Reps[r].Id} has {tally.Workload[r]:0.##} hours of work for {capacity:0.##} hours of capacity", [], [problem.Reps[r].Id.Value]);
        }
    }

    private static IEnumerable<RuleViolation> MaxAccounts(TerritoryProblem problem, RepTally tally)
    {
        for (var r = 0; r < problem.Reps.Count; r++)
        {
            if (problem.Reps[r].MaxAccounts is { } max && tally.Accounts[r] > max)
                yield return new RuleViolation(RuleNames.MaxAccounts,
                    $"rep {problem.Reps[r].Id} has {tally.Accounts[r]} accounts, more than its maximum of {max}", [], [problem.Reps[r].Id.Value]);
        }
    }

    private static IEnumerable<RuleViolation> Balance(TerritoryProblem problem, RepTally tally)
    {
        if (problem.Options.Balance.Tolerance is not { } tolerance) yield break;
        var metric = problem.Options.Balance.Metric.ToString().ToLowerInvariant();
        for (var r = 0; r < problem.Reps.Count; r++)
        {
            var share = tally.FairShare[r];
            if (Math.Abs(tally.Metric[r] - share) > tolerance * share + Slack(share))
                yield return new RuleViolation(RuleNames.Balance,
                    $"rep {problem.Reps[r].Id} has {metric} {tally.Metric[r]:0.##}, outside {share:0.##} ± {UserText.Percent(tolerance)}", [], [problem.Reps[r].Id.Value]);
        }
    }

    private static IEnumerable<RuleViolation> MaxMovedShare(TerritoryProblem problem, IReadOnlyList<int> repOf)
    {
        if (problem.Options.MaxMovedShare is not { } share) yield break;
        var known = Enumerable.Range(0, repOf.Count).Where(a => problem.CurrentRepIndexOf(a) >= 0).ToArray();
        var moved = known.Where(a => repOf[a] >= 0 && repOf[a] != problem.CurrentRepIndexOf(a)).ToArray();
        var limit = RuleLimits.MovedLimit(share, known.Length);
        if (moved.Length > limit)
            yield return new RuleViolation(RuleNames.MaxMovedShare,
                $"{moved.Length} accounts move, more than {limit} ({UserText.Percent(share)} of {known.Length} with a current rep)",
                moved.Select(a => problem.Accounts[a].Id.Value).ToList(), []);
    }

    private static double Slack(double magnitude) => PlanEvaluator.RelativeSlack * Math.Max(1.0, Math.Abs(magnitude));
}
