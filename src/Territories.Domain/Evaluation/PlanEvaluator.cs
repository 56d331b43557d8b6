using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Domain.Evaluation;

/// <summary>
/// Recomputes every hard rule and every KPI of a plan from the problem alone, in plain C#. It is the oracle the solver's
/// tests check against, and the solver re-checks every plan with it before returning it.
/// </summary>
public static class PlanEvaluator
{
    /// <summary>Sums are compared with this relative slack, so floating-point noise never breaks a rule.</summary>
    public const double RelativeSlack = 1e-6;

    public static PlanEvaluation Evaluate(TerritoryProblem problem, IReadOnlyList<Assignment> assignments)
    {
        var repOf = Enumerable.Repeat(-1, problem.Accounts.Count).ToArray();
        var violations = new List<RuleViolation>();
        var duplicates = new List<string>();
        var unknown = new List<string>();
        foreach (var assignment in assignments)
        {
            if (!problem.HasAccount(assignment.AccountId) || !problem.HasRep(assignment.RepId))
            {
                unknown.Add($"{assignment.AccountId}->{assignment.RepId}");
                continue;
            }
            var a = problem.AccountIndexOf(assignment.AccountId);
            if (repOf[a] >= 0) duplicates.Add(assignment.AccountId.Value);
            repOf[a] = problem.RepIndexOf(assignment.RepId);
        }
        if (unknown.Count > 0)
            violations.Add(new RuleViolation(RuleNames.EachAccountOnce, $"assignments name unknown accounts or reps: {string.Join(", ", unknown.Take(10))}", [], []));
        if (duplicates.Count > 0)
            violations.Add(new RuleViolation(RuleNames.EachAccountOnce, "accounts are assigned more than once", duplicates, []));
        return Evaluate(problem, repOf, violations);
    }

    /// <summary>Evaluates an assignment given as the rep index of each account (-1: unassigned).</summary>
    public static PlanEvaluation Evaluate(TerritoryProblem problem, IReadOnlyList<int> repOf) => Evaluate(problem, repOf, []);

    private static PlanEvaluation Evaluate(TerritoryProblem problem, IReadOnlyList<int> repOf, List<RuleViolation> violations)
    {
        var tally = RepTally.Of(problem, repOf);
        violations.AddRange(RuleChecks.All(problem, repOf, tally));
        var reps = RepSummaries(problem, repOf, tally);
        var kpis = Kpis(problem, repOf, tally);
        var terms = ObjectiveTermValues(problem, tally, kpis);
        return new PlanEvaluation(violations, reps, kpis, terms, terms.Sum(t => t.Contribution));
    }

    private static RepSummary[] RepSummaries(TerritoryProblem problem, IReadOnlyList<int> repOf, RepTally tally)
    {
        var tiers = TierCounts(problem, repOf);
        return problem.Reps.Select((rep, r) => new RepSummary(
            rep.Id, tally.Accounts[r], tally.Workload[r], rep.Capacity,
            rep.Capacity > 0 ? tally.Workload[r] / rep.Capacity : 0,
            tally.Potential[r], tally.Revenue[r], tally.TravelKm[r], tally.MovedIn[r], tally.MovedOut[r],
            tally.FairShare[r], tally.Deviation(r), tiers[r])).ToArray();
    }

    /// <summary>Per rep, how many of its accounts carry each tier, in tier order.</summary>
    private static SortedDictionary<string, int>[] TierCounts(TerritoryProblem problem, IReadOnlyList<int> repOf)
    {
        var counts = problem.Reps.Select(_ => new SortedDictionary<string, int>(StringComparer.Ordinal)).ToArray();
        for (var a = 0; a < repOf.Count; a++)
        {
            if (repOf[a] < 0 || problem.Accounts[a].Tier is not { } tier) continue;
            counts[repOf[a]][tier] = counts[repOf[a]].GetValueOrDefault(tier) + 1;
        }
        return counts;
    }

    private static PlanKpis Kpis(TerritoryProblem problem, IReadOnlyList<int> repOf, RepTally tally)
    {
        int moved = 0, orphaned = 0;
        decimal movedRevenue = 0, cost = 0;
        for (var a = 0; a < repOf.Count; a++)
        {
            if (problem.IsOrphaned(a)) orphaned++;
            if (repOf[a] < 0) continue;
            cost += problem.CostOf(a, repOf[a]);
            var current = problem.CurrentRepIndexOf(a);
            if (current >= 0 && current != repOf[a])
            {
                moved++;
                movedRevenue += problem.Accounts[a].Revenue;
            }
        }
        var withCapacity = Enumerable.Range(0, problem.Reps.Count).Where(r => problem.Reps[r].Capacity > 0).ToArray();
        var utilisation = withCapacity.Select(r => tally.Workload[r] / problem.Reps[r].Capacity).DefaultIfEmpty(0).ToArray();
        return new PlanKpis(
            moved, movedRevenue, orphaned,
            tally.WorkloadMaxDeviation(), tally.MaxDeviation(), tally.TravelKm.Sum(), tally.Workload.Sum(),
            utilisation.Min(), utilisation.Max(), cost);
    }

    private static ObjectiveTermValue[] ObjectiveTermValues(TerritoryProblem problem, RepTally tally, PlanKpis kpis)
    {
        var weights = problem.EffectiveWeights;
        var scales = problem.Scales;
        var metric = problem.Options.Balance.Metric.ToString().ToLowerInvariant();
        var disruptionUnit = problem.HasRevenue ? "revenue moved away from current reps" : "accounts moved away from current reps";
        return
        [
            Term(ObjectiveTerm.Balance, tally.MaxDeviation(), $"largest relative deviation of {metric} from a rep's fair share"),
            Term(ObjectiveTerm.Travel, tally.WeightedTravel.Sum(), "km from rep home to account times the account's workload"),
            Term(ObjectiveTerm.Disruption, tally.MovedWeight, disruptionUnit),
            Term(ObjectiveTerm.Cost, (double)kpis.TotalCost, "sum of the chosen pairs' cost"),
        ];

        ObjectiveTermValue Term(ObjectiveTerm term, double raw, string reason)
        {
            var weight = weights.Of(term);
            var scale = scales.Of(term);
            // The cost term stays in decimal so that { cost: 1 } gives exactly the sum of the pairs' costs.
            var contribution = weight == 0 ? 0m
                : term == ObjectiveTerm.Cost && scale == 1 ? (decimal)weight * kpis.TotalCost
                : (decimal)(weight * raw / scale);
            return new ObjectiveTermValue(term, weight, raw, scale, contribution, reason);
        }
    }
}
