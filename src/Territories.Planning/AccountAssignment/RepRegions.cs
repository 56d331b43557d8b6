using Territories.Domain.Model;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Splits the reps into regions of neighbours, each holding at most a given number of some accounts (those a model is to
/// decide): the reps are cut in two across the longer side of their homes' extent, at the point that halves those
/// accounts, until every part is small enough. The problem must have geography (reps' homes).
/// </summary>
internal static class RepRegions
{
    /// <param name="weight">How many of the accounts to decide each rep holds.</param>
    /// <param name="most">The most accounts to decide a region may hold (a single rep may hold more).</param>
    public static List<int[]> Split(TerritoryProblem problem, int[] weight, int most)
    {
        var regions = new List<int[]>();
        Cut(problem, Enumerable.Range(0, weight.Length).Where(r => weight[r] > 0).ToArray(), weight, most, regions);
        return regions;
    }

    private static void Cut(TerritoryProblem problem, int[] reps, int[] weight, int most, List<int[]> regions)
    {
        var total = reps.Sum(r => weight[r]);
        if (reps.Length <= 1 || total <= most)
        {
            if (reps.Length > 0) regions.Add(reps);
            return;
        }
        var ordered = AlongLongerSide(problem, reps);
        var half = total / 2.0;
        var (taken, cut) = (0, 0);
        while (cut < ordered.Length - 1 && taken + weight[ordered[cut]] <= half) taken += weight[ordered[cut++]];
        cut = Math.Max(1, cut);
        Cut(problem, ordered[..cut], weight, most, regions);
        Cut(problem, ordered[cut..], weight, most, regions);
    }

    /// <summary>The reps ordered by latitude or by longitude (scaled to distance at their mean latitude), whichever spans more.</summary>
    private static int[] AlongLongerSide(TerritoryProblem problem, int[] reps)
    {
        var homes = reps.Select(r => problem.Reps[r].Home!.Value).ToArray();
        var shrink = Math.Cos(homes.Average(h => h.Lat) * Math.PI / 180);
        var latSpan = homes.Max(h => h.Lat) - homes.Min(h => h.Lat);
        var lonSpan = (homes.Max(h => h.Lon) - homes.Min(h => h.Lon)) * shrink;
        var order = Enumerable.Range(0, reps.Length);
        return (latSpan >= lonSpan ? order.OrderBy(i => homes[i].Lat) : order.OrderBy(i => homes[i].Lon)).Select(i => reps[i]).ToArray();
    }
}
