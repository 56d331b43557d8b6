namespace Territories.Domain.Model;

/// <summary>What one account adds to a rep's balance metric.</summary>
public static class BalanceMetricValues
{
    /// <summary>The account's contribution to <paramref name="metric"/> when it goes to <paramref name="rep"/>.</summary>
    public static double MetricOf(this TerritoryProblem problem, BalanceMetric metric, int account, int rep) => metric switch
    {
        BalanceMetric.Workload => problem.WorkloadOf(account, rep),
        BalanceMetric.Potential => (double)problem.Accounts[account].Potential,
        BalanceMetric.Revenue => (double)problem.Accounts[account].Revenue,
        _ => 1.0,
    };

    /// <summary>True when the metric can depend on the rep (pairs override workloads), so the total is not fixed in advance.</summary>
    public static bool DependsOnRep(this TerritoryProblem problem, BalanceMetric metric) =>
        metric == BalanceMetric.Workload && problem.Pairs.Any(p => p.Workload is not null);

    /// <summary>Each rep's share of a total, in proportion to capacity (equal shares when no rep has capacity).</summary>
    public static double[] FairShareFractions(this TerritoryProblem problem)
    {
        var total = problem.Reps.Sum(r => r.Capacity);
        return problem.Reps.Select(r => total > 0 ? r.Capacity / total : 1.0 / problem.Reps.Count).ToArray();
    }
}
