namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Reduced-cost fixing: for each pair, a lower bound on the objective of every plan that gives the account to the rep.
/// A pair whose bound reaches the best plan's objective can be in no better plan, and the searches after the bounds
/// leave it out. Two sources give them: the LP relaxation's duals (<see cref="FromLagrangian"/>) and the rep-column
/// master's prices on generalised assignment books (<see cref="RepColumnMaster.PairBounds"/>), the tighter of the two
/// where both are known (<see cref="Tighter"/>). Each source's bounds are safe against GLOP's rounding already.
/// </summary>
internal sealed class PairBounds(Func<int, int, double> of)
{
    /// <summary>A lower bound on the objective of every plan that gives the account to the rep.</summary>
    public double Of(int account, int rep) => of(account, rep);

    /// <summary>
    /// From a Lagrangian relaxation that keeps only the accounts' rows (each account to one rep) and prices every other
    /// row at the LP's duals: each account then takes its cheapest reduced cost, and a plan that gives it to another rep
    /// pays that rep's reduced cost instead, so its objective is at least the Lagrangian bound plus the difference.
    /// </summary>
    /// <param name="value">The LP's optimal value at these duals.</param>
    /// <param name="reducedCost">Each eligible pair's reduced cost at the duals.</param>
    /// <param name="mixed">Per account, the reduced costs of its columns weighted by their LP values.</param>
    public static PairBounds FromLagrangian(AssignmentData data, double value, Func<int, int, double> reducedCost, double[] mixed)
    {
        // Computed on first use: every LP round makes bounds, and only the last round's are read.
        var lagrangian = new Lazy<(double[] Cheapest, double Bound)>(() =>
        {
            var cheapest = Enumerable.Range(0, data.AccountCount)
                .Select(a => data.Problem.EligibleRepsOf(a).Select(r => reducedCost(a, r)).DefaultIfEmpty(0).Min()).ToArray();
            return (cheapest, value + cheapest.Select((c, a) => c - mixed[a]).Sum());
        });
        return new PairBounds((a, r) => FloatingBound.Safe(lagrangian.Value.Bound + reducedCost(a, r) - lagrangian.Value.Cheapest[a]));
    }

    /// <summary>The larger of the two bounds on every pair (both are valid, so the larger is).</summary>
    public PairBounds Tighter(PairBounds other) => new((a, r) => Math.Max(Of(a, r), other.Of(a, r)));

    /// <summary>
    /// Per account, the candidate reps of <paramref name="data"/> that may be in a plan cheaper than
    /// <paramref name="objective"/>, and always the reps <paramref name="plans"/> give it (so each stays a plan the models
    /// can take: the hint, and the best plan, whose cost the models' bounds may then not pass).
    /// </summary>
    public IReadOnlySet<int>[] RepsBelow(AssignmentData data, double objective, params int[][] plans) =>
        Enumerable.Range(0, data.AccountCount).Select(a => (IReadOnlySet<int>)data.Candidates[a]
            .Where(r => plans.Any(p => p[a] == r) || Of(a, r) < objective).ToHashSet()).ToArray();

    /// <summary>
    /// What <see cref="RepsBelow"/> keeps for a search that improves <paramref name="incumbent"/>'s best plan and starts
    /// from <paramref name="hint"/>; null without a plan yet.
    /// </summary>
    public IReadOnlySet<int>[]? RepsThatMayImprove(AssignmentData data, Incumbent incumbent, int[] hint) =>
        incumbent.Evaluation is { } best && incumbent.RepOf is { } plan ? RepsBelow(data, (double)best.Objective, hint, plan) : null;

    /// <summary>How many candidate pairs <see cref="RepsBelow"/> keeps.</summary>
    public static int Count(IReadOnlySet<int>[] reps) => reps.Sum(r => r.Count);
}
