namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The column-generation dives for generalised assignment books (Dantzig-Wolfe, as in the price-and-branch heuristics
/// of Savelsbergh, Operations Research 45, 1997): solve the master of rep columns (<see cref="RepColumnMaster"/>) at the
/// root, then fix the column it uses most (every column it uses whole at once), generate columns again for the
/// accounts and reps left, and so on until <see cref="LeftToTheModel"/> reps are free; CP-SAT then shares the accounts
/// left among them exactly (the caller). Dive k starts by fixing the root's k-th most used column instead of its first
/// (a discrepancy at the top, where a wrong column costs most), with every column the earlier dives generated.
/// </summary>
internal sealed class ColumnGenerationDive
{
    /// <summary>The dives' share of the wall-clock time left; the ejection-chain search and CP-SAT's whole model get the rest.</summary>
    public const double TimeShare = 0.5;

    /// <summary>When this few reps are free a dive stops and CP-SAT decides the accounts left among them.</summary>
    public const int LeftToTheModel = 4;

    /// <summary>
    /// Column-generation rounds after each fixing before the dive goes on, whether or not the master covers every account
    /// again: 10 and 30 gave the same plans on d10200 and d20100, 10 in less time. Going on until it does (at most 200
    /// rounds) was the rule written here until stop 38, but its check read the master after the pricing had changed it,
    /// so it never held; made to hold and measured (quality runner, 30 s, two runs each way) it was better on three of
    /// the 15 books the dives apply to, worse on four (c20200 2393 and 2392 against its optimum 2391 twice), mixed or
    /// level on the rest (README, "Column-generation dives"); not kept.
    /// </summary>
    private const int RoundsPerStep = 10;

    /// <summary>
    /// With 5 reps a dive fixes one column and leaves the rest to CP-SAT, which on these books does as well alone
    /// (d05100 6363 with the dive, 6360-6364 without); on d05200 (columns of about 40 accounts in 1,600-hour knapsacks)
    /// the root had not converged after 30 s.
    /// </summary>
    private const int FewestReps = 10;

    /// <summary>
    /// The most accounts per rep: with more, a column is a larger knapsack and the root does not converge in the dives'
    /// share. On the Yagiura 10 x 400 books (40 a rep) it used all of it (15 s of 30) and no dive ran; without the dives
    /// (`territories solve`, 30 s, two runs each, alternating) e10400 ended 45746 and 45746 (best known 45746) against
    /// 45768 and 45768, d10400 25001 and 25016 against 25022 and 25022, c10400 5598 and 5597 either way. The books the
    /// dives were tuned on have 5-20 a rep (the root converged in 0.1-7 s).
    /// </summary>
    private const int MostAccountsPerRep = 20;

    /// <summary>
    /// The most pairs at which the root prices until no column prices out; on larger books it stops once its bound
    /// rounded up reaches the master's value (<see cref="RepColumnMaster.Generate"/>). With the ascent the small books'
    /// roots stop there after one LP, with few columns (c10200: 343), and the dives from them were worse; converged
    /// (`territories solve`, 30 s, one run each way): c10200 111 rounds, 2.3 s, 939 columns, proven optimal (2806) at
    /// 12.6 s against dives to 2834 and 2809 and 2808 at 30 s; e20200 proven optimal at 3.6 s, the cover's sets for 22377,
    /// 22378 and 22379 610, 6,623 and 34,644 (its prices are the converged master's) against 5,058, 44,129 and not tried;
    /// d10200 12441 against 12444; e10200 23310 against 23307. The Yagiura 20 x 400 books' roots took 78-176 rounds and
    /// 12.5-15.4 s to converge, the dives' whole share: no dive ran (c20400 4790 against 4785).
    /// </summary>
    private const long ConvergedRootPairs = 4_000;

    private readonly RepColumnMaster _master;
    private readonly bool _convergeTheRoot;
    private List<RepColumnMaster.Column> _rootOrder = [];

    /// <summary>
    /// The most pairs (accounts x reps): the Yagiura 20 x 400 books, where the root starts from the ascent
    /// (<see cref="SubgradientAscent"/>) and reaches its bound rounded up in 1-9 s. Before the ascent the dives were kept
    /// to the small books of at most 4,000 pairs (<see cref="EjectionChainSearch.IsSmallBook"/>).
    /// </summary>
    private const long MostPairs = 8_000;

    /// <summary>
    /// Generalised assignment books (<see cref="EjectionChainSearch.Applies"/>) with at least <see cref="FewestReps"/>
    /// reps, at most <see cref="MostAccountsPerRep"/> accounts a rep and <see cref="MostPairs"/> pairs, whose hours are
    /// whole (<see cref="RepColumnMaster.Applies"/>): every Chu-Beasley book but those with 5 agents, and the Yagiura books
    /// of 10 x 100 to 20 x 400.
    /// </summary>
    public static bool Applies(AssignmentData data) =>
        data.RepCount >= FewestReps && data.AccountCount <= MostAccountsPerRep * data.RepCount
        && (long)data.AccountCount * data.RepCount <= MostPairs && EjectionChainSearch.Applies(data) && RepColumnMaster.Applies(data);

    /// <param name="startDuals">The compact LP's duals of the accounts' rows, or null.</param>
    /// <param name="plan">A plan whose reps' accounts seed the master, or null.</param>
    public ColumnGenerationDive(AssignmentData data, double[]? startDuals, int[]? plan)
    {
        _master = new RepColumnMaster(data, startDuals);
        _convergeTheRoot = (long)data.AccountCount * data.RepCount <= ConvergedRootPairs;
        if (plan is not null) _master.Seed(plan);
    }

    /// <summary>The master's Lagrangian bound at the root (negative infinity before <see cref="SolveRoot"/>).</summary>
    public double Bound => _master.Bound;

    /// <summary>The pairs' bounds at the root's best prices (<see cref="RepColumnMaster.PairBounds"/>).</summary>
    public PairBounds PairBounds() => _master.PairBounds();

    public int Rounds => _master.Iterations;

    public int Columns => _master.ColumnCount;

    /// <summary>How many dives there can be: one per column the root's solution uses.</summary>
    public int DiveCount => _rootOrder.Count;

    /// <summary>Column generation at the root; false when GLOP fails or <paramref name="cancel"/> stops it first.</summary>
    public bool SolveRoot(CancellationToken cancel)
    {
        if (!_master.Generate(rounds: null, cancel, untilNoColumn: _convergeTheRoot)) return false;
        _rootOrder = _master.Used().OrderByDescending(u => u.Share).Select(u => u.Column).ToList();
        return true;
    }

    /// <summary>A copy of the master as the root left it, for the exact search (<see cref="CoverWithinTheGap"/>) beside the dives.</summary>
    public RepColumnMaster CopyOfTheMaster() => _master.Copy();

    /// <summary>
    /// Dive <paramref name="first"/> (0: the plain dive): the rep of each account the dive fixed, -1 for the accounts it
    /// leaves to <paramref name="freeReps"/>; null when the master fails or time runs out.
    /// </summary>
    public int[]? Dive(int first, out IReadOnlySet<int> freeReps, CancellationToken cancel)
    {
        _master.UnfixAll();
        freeReps = new HashSet<int>();
        _master.Fix(_rootOrder[first]);
        while (!_master.EveryAccountFixed && _master.FreeRepCount > LeftToTheModel)
        {
            if (!_master.Generate(RoundsPerStep, cancel)) return null;
            var used = _master.Used().ToList();
            if (used.Count == 0) return null;
            var whole = used.Where(u => u.Share > 1 - 1e-6).Select(u => u.Column).ToList();
            foreach (var column in whole.Count > 0 ? whole : [used.MaxBy(u => u.Share).Column]) _master.Fix(column);
        }
        freeReps = Enumerable.Range(0, _master.RepCount).Where(r => !_master.IsFixed(r)).ToHashSet();
        return _master.FixedRepOf();
    }
}
