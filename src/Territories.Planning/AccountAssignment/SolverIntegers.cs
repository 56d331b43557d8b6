namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The integer scales of one candidate set, computed once and shared by every CP-SAT model built on it: workloads and
/// capacities, the balance metric, the objective's costs and the balance deviation.
/// </summary>
/// <param name="Objective">Costs are multiplied by this and rounded down: 1 when every cost is already an integer (e.g. a
/// generalised assignment), else enough for about 1e-7 relative precision (1e-9 with a balance weight, adjusted so that
/// the deviation's integer weight is exact).</param>
/// <param name="DeviationScale">The largest deviation is modelled in units of 1/DeviationScale: as fine as the objective
/// allows (at least 100 objective units per deviation unit) and the metric's magnitude keeps clear of overflow, 1e-2 to 1e-6.</param>
/// <param name="DeviationWeight">The deviation variable's objective coefficient: balance weight x Objective / DeviationScale, exactly.</param>
/// <param name="ShareFactor">Fair shares (in metric units) are multiplied by this before rounding, so a share is exact to about 1e-6.</param>
internal sealed record SolverIntegers(IntegerScale Workload, IntegerScale Metric, double Objective, long DeviationScale, long DeviationWeight, long ShareFactor)
{
    public static SolverIntegers For(AssignmentData data)
    {
        var workload = IntegerScale.For(data.Workload.SelectMany(w => w).Concat(Enumerable.Range(0, data.RepCount).Select(r => data.Capacity[r])), 3);
        var metric = IntegerScale.For(data.MetricValue.SelectMany(m => m), 2);
        var objective = ObjectiveScale(data);
        var balance = data.Weights.Balance;
        if (balance <= 0) return new SolverIntegers(workload, metric, objective, 1, 0, 1);
        var metricTotal = Math.Max(1, data.MetricValue.Sum(m => m.Length > 0 ? m.Max() : 0) * metric.Factor);
        var fine = Math.Min(1e6, Math.Min(balance * objective / 100, 1e15 / metricTotal));
        var deviationScale = fine < 100 ? 100L : (long)Math.Pow(10, Math.Floor(Math.Log10(fine)));
        var weight = Math.Max(1, (long)Math.Round(balance * objective / deviationScale));
        var smallestShare = Math.Max(1e-9, data.Fractions.Where(f => f > 0).DefaultIfEmpty(1).Min() * metricTotal);
        var shareFactor = (long)Math.Clamp(Math.Pow(10, Math.Ceiling(Math.Log10(1e6 / smallestShare))), 1, Math.Max(1, 1e17 / (deviationScale * metricTotal)));
        return new SolverIntegers(workload, metric, weight * (double)deviationScale / balance, deviationScale, weight, shareFactor);
    }

    /// <summary>Problems up to this many candidate pairs get the finer objective scale.</summary>
    private const int ProvableSize = 20_000;

    private static double ObjectiveScale(AssignmentData data)
    {
        var costs = data.Cost.SelectMany(c => c).ToList();
        var exact = IntegerScale.For(costs, 2);
        if (exact.Exact && data.Weights.Balance == 0) return exact.Factor;
        // With a balance weight on a problem small enough to prove optimal, two more digits let the deviation be modelled
        // to 1e-6 (see DeviationScale). Larger coefficients slow CP-SAT on large problems (5,000 x 50: 0.47% gap at 60 s
        // against 0.25%), where a proof is out of reach anyway.
        var digits = data.Weights.Balance > 0 && data.PairCount <= ProvableSize ? 1e9 : 1e7;
        var magnitude = Math.Max(costs.Select(Math.Abs).DefaultIfEmpty(0).Max(), data.Weights.Balance);
        return magnitude > 0 ? digits / magnitude : 1;
    }
}
