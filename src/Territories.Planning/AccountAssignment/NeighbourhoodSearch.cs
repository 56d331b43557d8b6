namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Large-neighbourhood search around the incumbent: free the accounts of a few reps (a rep and its nearest colleagues
/// where there is geography, a random few otherwise), let CP-SAT re-assign them among those reps with everything else
/// fixed, keep the result when the evaluator finds it better. Neighbourhoods grow while CP-SAT proves them optimal and
/// shrink when it cannot. This is what closes the gap CP-SAT leaves on a hint that is already locally optimal. Every
/// other neighbourhood grows around a rep the LP relaxation splits an account with (when there is one): that is where
/// the LP says the plan and the bound differ. With a balance weight the reps left out enter the largest deviation as
/// constants, so a neighbourhood may lower it or must keep under it. While the plan spends a binding move cap, every
/// third neighbourhood joins two areas (<see cref="ChooseTwoAreas"/>), so that the cap's moves can pass from one to the other.
/// </summary>
/// <param name="splitReps">The reps that hold a share of an account the LP relaxation splits; null or empty without an LP.</param>
/// <param name="pairBounds">When given, each neighbourhood leaves out the pairs that can be in no plan better than the best
/// (<see cref="PairBounds"/>).</param>
internal sealed class NeighbourhoodSearch(AssignmentData data, Incumbent incumbent, SolveSettings settings, IReadOnlySet<int>? splitReps = null, PairBounds? pairBounds = null)
{
    /// <summary>
    /// How long one neighbourhood may take on the wall clock. With a deterministic limit, as many deterministic seconds
    /// instead, and only the whole solve's time limit caps the wall clock: with both, a loaded machine cut some
    /// neighbourhoods before their deterministic limit and the same seed gave 6379 and 6368 on a 10 x 100 GAP book.
    /// </summary>
    private static readonly TimeSpan NeighbourhoodLimit = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// How long one neighbourhood may take where the move cap binds. The reps of those books sit at the band's edges and
    /// the cap is spent, so a better plan trades accounts among many reps at once; a neighbourhood grows only while CP-SAT
    /// proves it optimal within its limit, and at 0.5 s they settled at 9-10 of 20 reps, at 2 s at 10-15.
    /// `territories solve`, 60 s, west-1000-s1803 (tuning), with the two-area neighbourhoods: 2.1501, 2.1495, 2.1503,
    /// 2.1496 at 0.5 s; 2.1489, 2.1498, 2.1500 at 1 s; 2.1490, 2.1488, 2.1498 at 2 s (plain CP-SAT 2.1498-2.1508).
    /// </summary>
    private static readonly TimeSpan NeighbourhoodLimitUnderMoveCap = TimeSpan.FromSeconds(2);

    /// <summary>The fewest reps a neighbourhood frees on a book of many reps.</summary>
    private const int MinimumSize = 5;

    /// <summary>
    /// The fewest reps a neighbourhood frees: <see cref="MinimumSize"/>, but on a book of few reps all but two (at least
    /// two), so that a neighbourhood is smaller than the whole model. With five reps a neighbourhood was the whole model
    /// again; three of five agents' jobs (about 120 on d05200) CP-SAT re-solves exactly in well under a second, and on the
    /// 5-agent Chu-Beasley books the plan went from where plain CP-SAT ends to within 0.04% of best known (see
    /// <see cref="Attempt"/>'s whole-model share).
    /// </summary>
    public static int SmallestSize(int repCount) => Math.Max(2, Math.Min(MinimumSize, repCount - 2));

    public int Tries { get; private set; }
    public int Improvements { get; private set; }

    /// <param name="maxTries">With a deterministic limit, how many neighbourhoods to try (the search is then reproducible).</param>
    public void Run(SolveClock clock, int maxTries, CancellationToken cancel)
    {
        if (data.Band is { FixedTotal: false } || data.RepCount < 2 || incumbent.RepOf is not { } start || !IsCandidatePlan(start)) return;
        var repOf = start;
        var random = new Random(settings.Seed);
        var smallest = SmallestSize(data.RepCount);
        var size = smallest;
        var nearest = NearestReps();
        var allowed = pairBounds?.RepsThatMayImprove(data, incumbent, repOf);
        var neighbourhoodLimit = data.MoveCap.Binds ? NeighbourhoodLimitUnderMoveCap : NeighbourhoodLimit;
        while (!cancel.IsCancellationRequested && clock.Remaining > TimeSpan.FromMilliseconds(50) && Tries < maxTries)
        {
            Tries++;
            var reps = nearest is not null && Tries % 3 == 0 && SpendsTheMoveCap(repOf)
                ? ChooseTwoAreas(random, size, nearest)
                : Choose(random, size, nearest, SeedRep(random));
            var model = new CpSatModel(data, switchableRules: false, referenceMetricTotal: null, ModelScope.Neighbourhood(data, repOf, reps, allowed));
            model.AddHint(repOf);
            var limit = settings.DeterministicTime is not null || clock.Remaining < neighbourhoodLimit ? clock.Remaining : neighbourhoodLimit;
            var sub = settings with { TimeLimit = limit, Seed = random.Next(), DeterministicTime = settings.DeterministicTime is null ? null : neighbourhoodLimit.TotalSeconds };
            var outcome = CpSatRun.Solve(model, sub, null, cancel);
            if (outcome.Best is { } better && incumbent.Offer(better, "neighbourhood"))
            {
                repOf = better;
                allowed = pairBounds?.RepsThatMayImprove(data, incumbent, repOf);
                Improvements++;
            }
            size = outcome.Status == Google.OrTools.Sat.CpSolverStatus.Optimal ? Math.Min(data.RepCount, size + 1) : Math.Max(smallest, size - 1);
        }
    }

    /// <summary>Every other try a rep the LP splits an account with, else any rep.</summary>
    private int SeedRep(Random random) =>
        splitReps is { Count: > 0 } && Tries % 2 == 0 ? splitReps.ElementAt(random.Next(splitReps.Count)) : random.Next(data.RepCount);

    private bool SpendsTheMoveCap(int[] repOf) =>
        data.MoveCap.Binds && !data.MoveCap.Allows(Enumerable.Range(0, repOf.Length).Count(a => data.CountsAsMove(a, repOf[a])) + 1);

    /// <summary>
    /// Half the neighbourhood around a random rep, the rest around another rep outside it (its nearest colleagues not yet
    /// in). With the cap spent, a move one area would gain from is paid by a move back in the other, which a neighbourhood
    /// of one area cannot do: on west-1000-s1803 (tuning) plain CP-SAT's plan spent the same 190 moves on other accounts,
    /// for 0.03-0.07% less. `territories solve`, 60 s, 0.5 s per neighbourhood: 2.1505, 2.1523, 2.1513, 2.1502, 2.1503
    /// before, 2.1501, 2.1495, 2.1503, 2.1496 with.
    /// </summary>
    private HashSet<int> ChooseTwoAreas(Random random, int size, int[][] nearest)
    {
        var reps = new HashSet<int>(nearest[random.Next(data.RepCount)].Take((size + 1) / 2));
        var outside = Enumerable.Range(0, data.RepCount).Where(r => !reps.Contains(r)).ToArray();
        if (outside.Length == 0) return reps;
        foreach (var r in nearest[outside[random.Next(outside.Length)]].Where(r => !reps.Contains(r)).Take(size - reps.Count)) reps.Add(r);
        return reps;
    }

    private bool IsCandidatePlan(int[] repOf) => Enumerable.Range(0, repOf.Length).All(a => data.IndexOf(a, repOf[a]) >= 0);

    /// <summary>A random rep and its nearest colleagues by home distance; random reps when there is no geography.</summary>
    private HashSet<int> Choose(Random random, int size, int[][]? nearest, int seedRep)
    {
        if (nearest is not null) return [.. nearest[seedRep].Take(size)];
        var reps = new HashSet<int> { seedRep };
        while (reps.Count < size) reps.Add(random.Next(data.RepCount));
        return reps;
    }

    /// <summary>For each rep, every rep ordered by distance between homes (itself first); null without geography.</summary>
    private int[][]? NearestReps()
    {
        var problem = data.Problem;
        if (!problem.HasGeography) return null;
        return Enumerable.Range(0, data.RepCount).Select(r => Enumerable.Range(0, data.RepCount)
            .OrderBy(o => Domain.Model.GreatCircle.DistanceKm(problem.Reps[r].Home!.Value, problem.Reps[o].Home!.Value)).ToArray()).ToArray();
    }
}
