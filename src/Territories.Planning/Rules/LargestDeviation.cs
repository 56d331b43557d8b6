using Google.OrTools.Sat;

namespace Territories.Planning.Rules;

/// <summary>
/// The balance weight's term: the largest relative deviation of any rep's metric from its fair share, as an integer
/// variable d with d / scale &gt;= |sum - share| / share for every rep with a share (sum and share in the same integer
/// units). The one CP-SAT encoding of it, shared by the account model and the unit model.
/// </summary>
internal static class LargestDeviation
{
    /// <summary>The largest deviation this variable can express: 100 times the fair share.</summary>
    private const long MostTimesShare = 100;

    public static IntVar Add(CpModel model, long scale, IEnumerable<(LinearExpr Sum, long Share)> reps)
    {
        var deviation = model.NewIntVar(0, MostTimesShare * scale, "max_deviation");
        foreach (var (sum, share) in reps)
        {
            if (share <= 0) continue;
            model.Add(scale * sum - share * deviation <= scale * share);
            model.Add(scale * sum + share * deviation >= scale * share);
        }
        return deviation;
    }

    /// <summary>The least value of the variable a rep's metric allows: ceil(|sum - share| x scale / share), capped at its upper bound.</summary>
    public static long Of(Int128 sum, long share, long scale) =>
        share <= 0 ? 0 : (long)Int128.Min((Int128.Abs(sum - share) * scale + share - 1) / share, MostTimesShare * scale);
}
