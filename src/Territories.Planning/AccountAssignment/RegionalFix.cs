namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Decides a large set of free accounts region by region (LP-and-fix's widening on books of 10,000 accounts and more):
/// the reps holding free accounts are cut into regions of neighbours (<see cref="RepRegions"/>), and one region after
/// the other, the free accounts its reps hold in the best plan so far are decided by <paramref name="solve"/> with every
/// other account where that plan has it. One CP-SAT model of the whole widening of a 20,000 x 200 western book (3,023
/// free accounts) found nothing but its hint in 5 s; in 16 regions of about 190 free accounts sharing 80% of the time
/// left the plan went from 2.0% to 1.3-1.4% above the bound. Each region's model sees the move cap less the moves outside
/// it, so a move one region gives up is one a later region may spend.
/// </summary>
/// <param name="solve">Given the accounts to fix (-1: decide), a complete plan to hint with and a time limit, decides
/// the free accounts and offers what it finds to <paramref name="incumbent"/>.</param>
/// <param name="regionSize">The most free accounts a region holds (a single rep may hold more).</param>
internal sealed class RegionalFix(AssignmentData data, Incumbent incumbent, Func<int[], int[], TimeSpan, CpSatOutcome?> solve, int regionSize)
{
    /// <summary>
    /// True on a book with geography whose widening frees more accounts than this: the 4,000 x 45 books free about 600
    /// and one model decides them well (0.2-0.6% above the bound); 10,000 x 112 books free about 1,250 and 20,000 x 200
    /// ones about 3,000, where one model found nothing in its time. Without geography there are no neighbours to cut
    /// regions by (the GAP books, whose widening on 1,600 jobs may free as many, keep the single model).
    /// </summary>
    public static bool Applies(AssignmentData data, int free) => data.Problem.HasGeography && free > From;

    private const int From = 1000;

    /// <summary>What each region's model decided: its reps, its free accounts and how its search ended.</summary>
    public List<(int[] Reps, int Free, CpSatOutcome? Outcome)> Regions { get; } = [];

    /// <param name="free">-1 for each account to decide; any other value for an account that stays where the best plan has it.</param>
    /// <param name="start">The plan whose reps say which region a free account belongs to.</param>
    /// <param name="time">The time all regions share, in equal parts.</param>
    public void Run(int[] free, int[] start, TimeSpan time, CancellationToken cancel)
    {
        var held = new int[data.RepCount];
        for (var a = 0; a < free.Length; a++)
            if (free[a] < 0) held[start[a]]++;
        var regions = RepRegions.Split(data.Problem, held, regionSize);
        var share = time / Math.Max(1, regions.Count);
        foreach (var region in regions)
        {
            if (cancel.IsCancellationRequested || incumbent.RepOf is not { } best) return;
            var reps = region.ToHashSet();
            var scope = best.Select((r, a) => free[a] < 0 && reps.Contains(r) ? -1 : r).ToArray();
            Regions.Add((region, scope.Count(r => r < 0), solve(scope, best, share)));
        }
    }
}
