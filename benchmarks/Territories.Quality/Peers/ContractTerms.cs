using Territories.Domain.Evaluation;
using Territories.Domain.Model;

namespace Territories.Quality.Peers;

/// <summary>
/// The contract of a territory problem written out for a textbook model, straight from the Domain (not from the engine):
/// the eligible reps of each account, what choosing a pair adds to the objective (travel, disruption and cost, each
/// weighted and divided by the scale the evaluator uses), each rep's workload and balance-metric contribution, the hard
/// limits per rep (capacity, maxAccounts, the band), the fair shares the balance term measures against, and the move
/// budget. The models built on it are linear in the pair choices; a band or balance term over a metric whose total
/// depends on the plan (pair workloads) is not modelled.
/// </summary>
internal sealed class ContractTerms
{
    private ContractTerms(TerritoryProblem problem)
    {
        Problem = problem;
        var weights = problem.EffectiveWeights;
        var scales = problem.Scales;
        var metric = problem.Options.Balance.Metric;
        Eligible = Enumerable.Range(0, problem.Accounts.Count).Select(a => problem.EligibleRepsOf(a).ToArray()).ToArray();
        Current = Enumerable.Range(0, problem.Accounts.Count).Select(problem.CurrentRepIndexOf).ToArray();
        PairCost = new double[Eligible.Length][];
        Workload = new double[Eligible.Length][];
        Metric = new double[Eligible.Length][];
        for (var a = 0; a < Eligible.Length; a++)
        {
            var moveCost = weights.Disruption * ObjectiveScales.MoveWeight(problem, a) / scales.Disruption;
            PairCost[a] = Eligible[a].Select(r =>
                weights.Travel * problem.DistanceKm(a, r) * problem.WorkloadOf(a, r) / scales.Travel
                + (Current[a] >= 0 && Current[a] != r ? moveCost : 0)
                + weights.Cost * (double)problem.CostOf(a, r) / scales.Cost).ToArray();
            Workload[a] = Eligible[a].Select(r => problem.WorkloadOf(a, r)).ToArray();
            Metric[a] = Eligible[a].Select(r => problem.MetricOf(metric, a, r)).ToArray();
        }
        BalanceWeight = weights.Balance;
        var measuresBalance = BalanceWeight != 0 || problem.Options.Balance.Tolerance is not null;
        if (measuresBalance && problem.DependsOnRep(metric))
            throw new NotSupportedException("the peers model the balance only when the metric's total does not depend on the plan (no pair workloads)");
        var total = Metric.Sum(m => m.Length > 0 ? m[0] : 0);
        FairShare = problem.FairShareFractions().Select(f => f * total).ToArray();
        var tolerance = problem.Options.Balance.Tolerance;
        Capacity = problem.Reps.Select(r => r.Capacity).ToArray();
        MaxAccounts = problem.Reps.Select(r => r.MaxAccounts).ToArray();
        BandLow = FairShare.Select(f => tolerance is { } t ? (1 - t) * f : double.NegativeInfinity).ToArray();
        BandHigh = FairShare.Select(f => tolerance is { } t ? (1 + t) * f : double.PositiveInfinity).ToArray();
        WithCurrentRep = Current.Count(c => c >= 0);
        MoveLimit = problem.Options.MaxMovedShare is { } share ? RuleLimits.MovedLimit(share, WithCurrentRep) : null;
    }

    public TerritoryProblem Problem { get; }
    public int[][] Eligible { get; }
    /// <summary>The current rep's index per account; -1 for a prospect or an orphan.</summary>
    public int[] Current { get; }
    /// <summary>Per account and eligible rep (same order as <see cref="Eligible"/>): the weighted, scaled travel, disruption and cost.</summary>
    public double[][] PairCost { get; }
    public double[][] Workload { get; }
    public double[][] Metric { get; }
    public double BalanceWeight { get; }
    public double[] FairShare { get; }
    public double[] Capacity { get; }
    public int?[] MaxAccounts { get; }
    public double[] BandLow { get; }
    public double[] BandHigh { get; }
    public int WithCurrentRep { get; }
    public int? MoveLimit { get; }

    public int Accounts => Eligible.Length;
    public int Reps => Capacity.Length;

    public static ContractTerms Of(TerritoryProblem problem) => new(problem);
}
