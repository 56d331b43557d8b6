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
/// Where the cap binds, the search runs in lanes, one per worker (<see cref="Lanes"/>), and every second try of a lane
/// frees accounts where the plan and the LP disagree instead of reps (<see cref="LpDisagreementNeighbourhood"/>).
/// </summary>
/// <param name="lp">The LP relaxation (its split reps seed neighbourhoods, its plan guides those of accounts); null without one.</param>
/// <param name="pairBounds">When given, each neighbourhood leaves out the pairs that can be in no plan better than the best
/// (<see cref="PairBounds"/>).</param>
internal sealed class NeighbourhoodSearch(AssignmentData data, Incumbent incumbent, SolveSettings settings, LpResult? lp = null, PairBounds? pairBounds = null)
{
    private readonly IReadOnlySet<int>? splitReps = lp?.SplitReps;

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

    private int tries;
    private int improvements;
    public int Tries => tries;
    public int Improvements => improvements;

    /// <summary>
    /// How many searches run side by side, each CP-SAT run on one worker: one per worker where the move cap binds and the
    /// limit is the wall clock's, else one on all the workers. With two workers CP-SAT gives one to its LP-led search and
    /// shares the other among its own neighbourhoods; on these neighbourhoods two lanes tried 33-38 of them in the 20 s
    /// after the whole model where one tried 16-19, and gained more per second. `territories solve`, 60 s, tuning books,
    /// what the neighbourhoods gained from where they started, one lane then two: northeast-1000-s1905 0.0014-0.0027
    /// against 0.0022-0.0026, west-1000-s1803 0.0005-0.0008 against 0.0008-0.0014, northeast-1000-s2105 0.0002-0.0007
    /// against 0.0005-0.0010, west-1000-s2303 0.0006-0.0008 against 0.0008. Books without a cap (the GAP sets, the
    /// sample) keep one search on all the workers, as measured before.
    /// </summary>
    public static int Lanes(AssignmentData data, SolveSettings settings) =>
        data.MoveCap.Binds && settings.DeterministicTime is null ? Math.Max(1, settings.Workers) : 1;

    /// <param name="maxTries">With a deterministic limit, how many neighbourhoods to try (the search is then reproducible).</param>
    public void Run(SolveClock clock, int maxTries, CancellationToken cancel)
    {
        if (data.Band is { FixedTotal: false } || data.RepCount < 2 || incumbent.RepOf is not { } start || !data.IsCandidatePlan(start)) return;
        var lanes = Lanes(data, settings);
        if (lanes == 1)
        {
            Lane(settings, new Random(settings.Seed), clock, maxTries, cancel);
            return;
        }
        var oneWorker = settings with { Workers = 1 };
        Parallel.For(0, lanes, new ParallelOptions { MaxDegreeOfParallelism = lanes }, lane => Lane(oneWorker, new Random(settings.Seed + lane), clock, maxTries, cancel));
    }

    /// <summary>Neighbourhood after neighbourhood around the best plan as it is at each start (another lane may have improved it).</summary>
    private void Lane(SolveSettings laneSettings, Random random, SolveClock clock, int maxTries, CancellationToken cancel)
    {
        var smallest = SmallestSize(data.RepCount);
        var size = smallest;
        var nearest = NearestReps();
        var neighbourhoodLimit = data.MoveCap.Binds ? NeighbourhoodLimitUnderMoveCap : NeighbourhoodLimit;
        int[]? allowedFor = null;
        IReadOnlySet<int>[]? allowed = null;
        var disagreement = LpDisagreementNeighbourhood.For(data, lp);
        for (var laneTry = 1; !cancel.IsCancellationRequested && clock.Remaining > TimeSpan.FromMilliseconds(50) && Volatile.Read(ref tries) < maxTries; laneTry++)
        {
            Interlocked.Increment(ref tries);
            if (incumbent.RepOf is not { } repOf || !data.IsCandidatePlan(repOf)) return;
            if (!ReferenceEquals(allowedFor, repOf)) (allowedFor, allowed) = (repOf, pairBounds?.RepsThatMayImprove(data, incumbent, repOf));
            var byAccounts = laneTry % 2 == 1 ? disagreement : null;
            var scope = byAccounts is not null
                ? ModelScope.Fixing(data, byAccounts.FixedRepOf(repOf, random), allowed)
                : ModelScope.Neighbourhood(data, repOf, ChooseReps(random, laneTry, size, nearest, repOf), allowed);
            var model = new CpSatModel(data, switchableRules: false, referenceMetricTotal: null, scope);
            model.AddHint(repOf);
            var limit = laneSettings.DeterministicTime is not null || clock.Remaining < neighbourhoodLimit ? clock.Remaining : neighbourhoodLimit;
            var sub = laneSettings with { TimeLimit = limit, Seed = random.Next(), DeterministicTime = laneSettings.DeterministicTime is null ? null : neighbourhoodLimit.TotalSeconds };
            var outcome = CpSatRun.Solve(model, sub, null, cancel);
            if (outcome.Best is { } better && Keep(repOf, better)) Interlocked.Increment(ref improvements);
            var proven = outcome.Status == Google.OrTools.Sat.CpSolverStatus.Optimal;
            if (byAccounts is not null) byAccounts.Learn(proven);
            else size = proven ? Math.Min(data.RepCount, size + 1) : Math.Max(smallest, size - 1);
        }
    }

    /// <summary>
    /// Offers what a neighbourhood changed on the best plan as it is now (another lane may have improved it meanwhile),
    /// then, when that is not kept, the neighbourhood's plan itself. The merged plan is offered only when it keeps the
    /// rules this search works under (a narrower band than the problem's, at times), which the evaluator does not know.
    /// </summary>
    private bool Keep(int[] from, int[] better)
    {
        if (incumbent.RepOf is { } now && !ReferenceEquals(now, from))
        {
            var merged = now.ToArray();
            for (var a = 0; a < merged.Length; a++) if (better[a] != from[a]) merged[a] = better[a];
            if (data.IsCandidatePlan(merged) && AssignmentState.Of(data, merged).Violation() <= 0 && incumbent.Offer(merged, "neighbourhood")) return true;
        }
        return incumbent.Offer(better, "neighbourhood");
    }

    /// <summary>Every third try two areas while the plan spends the move cap (<see cref="ChooseTwoAreas"/>), else one around a seed rep.</summary>
    private HashSet<int> ChooseReps(Random random, int laneTry, int size, int[][]? nearest, int[] repOf) =>
        nearest is not null && laneTry % 3 == 0 && SpendsTheMoveCap(repOf)
            ? ChooseTwoAreas(random, size, nearest)
            : Choose(random, size, nearest, SeedRep(random, laneTry));

    /// <summary>Every other try a rep the LP splits an account with, else any rep.</summary>
    private int SeedRep(Random random, int laneTry) =>
        splitReps is { Count: > 0 } && laneTry % 2 == 0 ? splitReps.ElementAt(random.Next(splitReps.Count)) : random.Next(data.RepCount);

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
