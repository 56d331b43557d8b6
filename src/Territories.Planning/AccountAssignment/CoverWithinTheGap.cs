namespace Territories.Planning.AccountAssignment;

/// <summary>
/// An exact search of a generalised assignment book whose pair costs are whole, from the rep-column master's Lagrangian
/// prices: a plan's objective is the Lagrangian bound plus what each rep's accounts lose against the rep's best knapsack
/// at those prices, so the plans of objective T are exact covers of the accounts by one set per rep whose losses sum to
/// at most T less the bound. For T = the bound rounded up, then one more each time, the sets within that loss are
/// enumerated (<see cref="ColumnsWithinLoss"/>) and a cover looked for (<see cref="CoverSearch"/>): the first T with a
/// cover is the optimum, and each T without one raises the bound past it. It reads a copy of what it needs from the
/// master, so it can run on its own thread while the dives go on with the master.
/// </summary>
internal sealed class CoverWithinTheGap
{
    /// <summary>
    /// The most sets one T may have: e20200's optimum (22379) took 127,347 sets and 68,593 nodes, c10200's proof that
    /// nothing costs 2805 97,941 sets in 0.5 s. e10200's 23304 (544,304 sets) stopped unfinished after 5 s of a core
    /// the dives could use; each set also costs a bit per account.
    /// </summary>
    public const int MostSets = 300_000;

    /// <param name="Bound">No plan costs less (each T tried without a cover raised it by one).</param>
    /// <param name="Plan">The rep of each account in the cover found, whose objective is <paramref name="Bound"/>; null when none was.</param>
    /// <param name="Tried">Per T tried: how many sets, search nodes, and what came of it.</param>
    public sealed record Result(double Bound, int[]? Plan, IReadOnlyList<string> Tried);

    private readonly int _accountCount;
    private readonly double _bound;

    /// <summary>Per rep, its candidate accounts with their whole hours and their profit at the prices (price less cost).</summary>
    private readonly (int[] Accounts, int[] Hours, double[] Profits)[] _items;
    private readonly int[] _capacity;

    private CoverWithinTheGap(double bound, double[] prices, RepColumnMaster master)
    {
        _accountCount = master.AccountCount;
        _bound = bound;
        _items = Enumerable.Range(0, master.RepCount).Select(master.OptionsOf).Select(options =>
            (options.Select(o => o.Account).ToArray(), options.Select(o => o.Hours).ToArray(), RepColumnMaster.ProfitsAt(options, prices))).ToArray();
        _capacity = Enumerable.Range(0, master.RepCount).Select(master.CapacityOf).ToArray();
    }

    /// <summary>
    /// The search from the master's best Lagrangian prices after column generation to its optimum (on books of more than
    /// 4,000 pairs the dives' root stops once its bound rounded up reaches the master's value, see
    /// <see cref="ColumnGenerationDive"/>; the search wants the best prices: e20200's bound 22376.05
    /// at the root, 22376.76 after: 5,538 sets for 22377 where the root's prices gave 41,000). Pass a copy of the dives' master
    /// (<see cref="RepColumnMaster.Copy"/>): with the columns this adds the dives went elsewhere, d20200 12272 twice
    /// against 12251 and 12254 without. Null when <paramref name="cancel"/> stops the pricing, or on a book whose costs
    /// are not whole.
    /// </summary>
    public static CoverWithinTheGap? AfterPricing(RepColumnMaster master, CancellationToken cancel) =>
        master.IntegralCosts && master.Generate(rounds: null, cancel, untilNoColumn: true) && master.BestLagrangian is { } lagrangian
            ? new CoverWithinTheGap(lagrangian.Bound, lagrangian.Prices, master) : null;

    /// <summary>
    /// Tries each whole objective from the bound up to below <paramref name="upTo"/> (the best plan's), until a cover is
    /// found, the sets of a T number more than <see cref="MostSets"/>, the next T would not end within
    /// <paramref name="mostNodes"/> nodes or <paramref name="time"/> (see <see cref="Growth"/>), or <paramref name="cancel"/>
    /// stops it.
    /// </summary>
    public Result Run(double upTo, long mostNodes, TimeSpan time, CancellationToken cancel)
    {
        var tried = new List<string> { $"lagrangian {_bound:0.###}" };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var target = Math.Ceiling(_bound - 1e-6);
        (long Nodes, double Seconds)? before = null;
        for (; target < upTo && !cancel.IsCancellationRequested; target++)
        {
            var started = watch.Elapsed.TotalSeconds;
            var budget = target - _bound;
            if (SetsWithin(budget) is not { } sets)
            {
                tried.Add($"{target}: over {MostSets} sets");
                break;
            }
            var search = new CoverSearch(_accountCount, sets, mostNodes, cancel);
            var outcome = search.Find(budget, out var cover);
            mostNodes -= search.Nodes;
            tried.Add($"{target}: {sets.Sum(s => s.Count)} sets, {search.Nodes} nodes, {outcome} at {watch.Elapsed.TotalSeconds:0.00} s");
            if (outcome == CoverSearch.Outcome.Stopped) break;
            if (outcome == CoverSearch.Outcome.Found)
            {
                var repOf = new int[_accountCount];
                foreach (var (rep, accounts) in cover)
                    foreach (var a in accounts) repOf[a] = rep;
                return new Result(target, repOf, tried);
            }
            var level = (Nodes: search.Nodes, Seconds: watch.Elapsed.TotalSeconds - started);
            var (nodes, seconds) = (level.Nodes * Growth(before?.Nodes, level.Nodes), level.Seconds * Growth(before?.Seconds, level.Seconds));
            if (target + 1 < upTo && (nodes > mostNodes || seconds > (time - watch.Elapsed).TotalSeconds))
            {
                tried.Add($"{target + 1}: not tried, about {nodes:0} nodes and {seconds:0.0} s expected");
                target++;
                break;
            }
            before = level;
        }
        return new Result(target, null, tried);
    }

    /// <summary>
    /// How much longer the next T is expected to take than this one: as this one took against the one before, at least
    /// twice, and ten times after the first. Per T the searches grew 3 to 10 times on the small GAP books (d20100: 0.4 s,
    /// then 4.2 s, then more than 10 s unfinished), so the T that would not end in the time left is not begun and the
    /// dives get the core back.
    /// </summary>
    private static double Growth(double? before, double now) => before is { } b && b > 0 ? Math.Max(2, now / b) : 10;

    /// <summary>Each rep's sets within the loss budget at the prices, as accounts; null when they number more than <see cref="MostSets"/>.</summary>
    private List<IReadOnlyList<(int[] Accounts, double Loss)>>? SetsWithin(double budget)
    {
        var all = new List<IReadOnlyList<(int[] Accounts, double Loss)>>();
        var left = MostSets;
        for (var r = 0; r < _items.Length; r++)
        {
            var (accounts, hours, profits) = _items[r];
            var sets = ColumnsWithinLoss.Enumerate(hours, profits, _capacity[r], budget, left);
            if (sets is null) return null;
            left -= sets.Count;
            all.Add(sets.Select(s => (s.Items.Select(i => accounts[i]).ToArray(), s.Loss)).ToList());
        }
        return all;
    }
}
