using Territories.Domain.Organisation;
using Territories.Domain.Quotas;

namespace Territories.Planning.Quotas;

/// <summary>
/// The reps' annual quotas from the company's total, flat or top-down through the organisation. Every unit's and rep's
/// weight is the same blend (potential and history shares times productive share); a unit at level k hands down its
/// amount plus overAssignmentByLevel[k] of it (that extra rounded to the request's rounding, so the cents of the company's
/// total, if any, stay on one path down the tree and one rep absorbs them); units split by largest remainder in the
/// request's rounding, and the reps of a leaf by the growth-bounded allocation, so the parts add up exactly at every level.
/// </summary>
internal sealed class AnnualSplit(QuotaRequest request, double[] blend, double?[] lower, double?[] upper, bool[] employed)
{
    private readonly double[] _targets = new double[blend.Length];
    private readonly double[] _boundViolation = new double[blend.Length];
    private readonly decimal[] _annual = new decimal[blend.Length];

    /// <summary>Each rep's blended target within what its unit (or the team) hands down.</summary>
    public IReadOnlyList<double> Targets => _targets;

    /// <summary>How far each rep's quota lies outside its growth bounds (positive above, negative below).</summary>
    public IReadOnlyList<double> BoundViolation => _boundViolation;

    public decimal[] Flat(decimal total)
    {
        AllocateReps(Enumerable.Range(0, blend.Length).ToArray(), total);
        return _annual;
    }

    /// <summary>The reps' quotas through the tree; <paramref name="assigned"/> is each unit's top-down amount.</summary>
    public decimal[] TopDown(OrgTree tree, decimal total, out decimal[] assigned)
    {
        var repUnits = request.Reps.Select(r => tree.IndexOf(r.OrgUnitId!)).ToArray();
        var weights = tree.RollUp(repUnits, r => blend[r], (x, y) => x + y, 0.0);
        assigned = new decimal[tree.Count];
        var roots = tree.Roots.ToArray();
        Split(total, roots, weights, assigned);
        foreach (var u in tree.TopDown())
        {
            var extra = assigned[u] * (decimal)request.Method.OverAssignmentAt(tree.DepthOf(u));
            var handedDown = assigned[u] + Math.Round(extra / request.Rounding, MidpointRounding.AwayFromZero) * request.Rounding;
            if (tree.IsLeaf(u)) AllocateReps(Enumerable.Range(0, repUnits.Length).Where(r => repUnits[r] == u).ToArray(), handedDown);
            else Split(handedDown, tree.ChildrenOf(u), weights, assigned);
        }
        return _annual;
    }

    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private void Split(decimal whole, IReadOnlyList<int> units, double[] weights, decimal[] into)
    {
        var unitWeights = units.Select(u => weights[u]).ToArray();
        if (unitWeights.Sum() <= 0) return; // nobody below works this year: nothing to hand down
        var parts = LargestRemainder.Split(whole, unitWeights, request.Rounding);
        for (var i = 0; i < units.Count; i++) into[units[i]] = parts[i];
    }

    /// <summary>The growth-bounded allocation of <paramref name="total"/> over some reps, rounded exactly.</summary>
    private void AllocateReps(int[] reps, decimal total)
    {
        if (reps.Length == 0 || total == 0) return;
        var sum = reps.Sum(r => blend[r]);
        var targets = reps.Select(r => sum > 0 ? (double)total * blend[r] / sum : 0).ToArray();
        var allocation = QuotaAllocator.Allocate(targets, reps.Select(r => lower[r]).ToArray(), reps.Select(r => upper[r]).ToArray(),
            reps.Select(r => employed[r]).ToArray(), (double)total);
        var annual = LargestRemainder.Split(total, allocation.Amounts, request.Rounding);
        for (var i = 0; i < reps.Length; i++)
        {
            _targets[reps[i]] = targets[i];
            _boundViolation[reps[i]] = allocation.BoundViolation[i];
            _annual[reps[i]] = annual[i];
        }
    }
}
