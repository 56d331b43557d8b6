using Google.OrTools.LinearSolver;

namespace Territories.Planning.Quotas;

/// <summary>Annual amounts per rep, and how far each lies outside its growth bounds (positive above, negative below).</summary>
internal sealed record Allocation(double[] Amounts, double[] BoundViolation);

/// <summary>
/// Splits a total across reps as close to their targets as bounds allow, by three linear programs (GLOP) in turn:
/// first the least total violation of the growth bounds (zero whenever they can all hold with the total), then the
/// smallest largest relative deviation from target, then the smallest total relative deviation.
/// </summary>
internal static class QuotaAllocator
{
    /// <param name="targets">Each rep's target; they add up to <paramref name="total"/>.</param>
    /// <param name="lower">Per rep, the least amount (null: none).</param>
    /// <param name="upper">Per rep, the most amount (null: none).</param>
    /// <param name="employed">False for reps with no productive time: they get nothing.</param>
    public static Allocation Allocate(double[] targets, double?[] lower, double?[] upper, bool[] employed, double total)
    {
        var n = targets.Length;
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available");
        var q = Enumerable.Range(0, n).Select(i => solver.MakeNumVar(0, employed[i] ? double.PositiveInfinity : 0, "")).ToArray();
        var sum = solver.MakeConstraint(total, total);
        foreach (var v in q) sum.SetCoefficient(v, 1);

        // Stage 1: elastic bounds.
        var below = new Variable?[n];
        var above = new Variable?[n];
        var violation = new LinearExprBuilder(solver);
        for (var i = 0; i < n; i++)
        {
            if (lower[i] is { } lo && employed[i])
            {
                below[i] = solver.MakeNumVar(0, double.PositiveInfinity, "");
                var c = solver.MakeConstraint(lo, double.PositiveInfinity);
                c.SetCoefficient(q[i], 1);
                c.SetCoefficient(below[i], 1);
                violation.Add(below[i]!);
            }
            if (upper[i] is { } up)
            {
                above[i] = solver.MakeNumVar(0, double.PositiveInfinity, "");
                var c = solver.MakeConstraint(double.NegativeInfinity, up);
                c.SetCoefficient(q[i], 1);
                c.SetCoefficient(above[i], -1);
                violation.Add(above[i]!);
            }
        }
        var leastViolation = Minimise(solver, violation);
        violation.Cap(leastViolation);

        // Stage 2: the largest relative deviation from target.
        var scale = targets.Select(t => Math.Max(t, 1e-9 * Math.Max(1, total))).ToArray();
        var largest = solver.MakeNumVar(0, double.PositiveInfinity, "largest");
        var plus = new Variable[n];
        var minus = new Variable[n];
        var deviation = new LinearExprBuilder(solver);
        for (var i = 0; i < n; i++)
        {
            plus[i] = solver.MakeNumVar(0, double.PositiveInfinity, "");
            minus[i] = solver.MakeNumVar(0, double.PositiveInfinity, "");
            var split = solver.MakeConstraint(targets[i], targets[i]); // q - plus + minus = target
            split.SetCoefficient(q[i], 1);
            split.SetCoefficient(plus[i], -1);
            split.SetCoefficient(minus[i], 1);
            var bound = solver.MakeConstraint(double.NegativeInfinity, 0); // plus + minus <= largest * scale
            bound.SetCoefficient(plus[i], 1);
            bound.SetCoefficient(minus[i], 1);
            bound.SetCoefficient(largest, -scale[i]);
            deviation.Add(plus[i], 1 / scale[i]);
            deviation.Add(minus[i], 1 / scale[i]);
        }
        var largestBuilder = new LinearExprBuilder(solver);
        largestBuilder.Add(largest);
        largestBuilder.Cap(Minimise(solver, largestBuilder));

        // Stage 3: the total relative deviation.
        Minimise(solver, deviation);
        var amounts = q.Select(v => Math.Max(0, v.SolutionValue())).ToArray();
        var bounds = Enumerable.Range(0, n).Select(i =>
            (above[i]?.SolutionValue() ?? 0) > 1e-6 ? above[i]!.SolutionValue()
            : (below[i]?.SolutionValue() ?? 0) > 1e-6 ? -below[i]!.SolutionValue() : 0).ToArray();
        return new Allocation(amounts, bounds);
    }

    private static double Minimise(Solver solver, LinearExprBuilder expression)
    {
        var objective = solver.Objective();
        objective.Clear();
        foreach (var (variable, coefficient) in expression.Terms) objective.SetCoefficient(variable, coefficient);
        objective.SetMinimization();
        var status = solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"the quota allocation LP ended {status}");
        return objective.Value();
    }

    /// <summary>A sum of terms that can be minimised, then capped at its optimum (with a little slack) for the next stage.</summary>
    private sealed class LinearExprBuilder(Solver solver)
    {
        public List<(Variable Variable, double Coefficient)> Terms { get; } = [];

        public void Add(Variable variable, double coefficient = 1) => Terms.Add((variable, coefficient));

        public void Cap(double optimum)
        {
            if (Terms.Count == 0) return;
            var cap = solver.MakeConstraint(double.NegativeInfinity, optimum + 1e-7 * Math.Max(1, Math.Abs(optimum)));
            foreach (var (variable, coefficient) in Terms) cap.SetCoefficient(variable, coefficient);
        }
    }
}
