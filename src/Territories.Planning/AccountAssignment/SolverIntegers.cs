namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The integer scales of one candidate set, computed once and shared by every CP-SAT model built on it: workloads and
/// capacities, the balance metric, and the objective's costs.
/// </summary>
/// <param name="Objective">Costs are multiplied by this and rounded down: 1 when every cost is already an integer (e.g. a
/// generalised assignment), else enough for about 1e-7 relative precision.</param>
internal sealed record SolverIntegers(IntegerScale Workload, IntegerScale Metric, double Objective)
{
    public static SolverIntegers For(AssignmentData data) => new(
        IntegerScale.For(data.Workload.SelectMany(w => w).Concat(data.Capacity), 3),
        IntegerScale.For(data.MetricValue.SelectMany(m => m), 2),
        ObjectiveScale(data));

    private static double ObjectiveScale(AssignmentData data)
    {
        var costs = data.Cost.SelectMany(c => c).ToList();
        var exact = IntegerScale.For(costs, 2);
        if (exact.Exact && data.Weights.Balance == 0) return exact.Factor;
        var magnitude = Math.Max(costs.Select(Math.Abs).DefaultIfEmpty(0).Max(), data.Weights.Balance);
        return magnitude > 0 ? 1e7 / magnitude : 1;
    }
}
