using Google.OrTools.LinearSolver;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The Dantzig-Wolfe master of a generalised assignment book, solved by column generation with GLOP: a column is one rep
/// with a set of its candidate accounts whose hours fit its capacity; each account is covered once, each rep takes at most
/// one column. A rep's best new column at the accounts' duals is a 0-1 knapsack (<see cref="Knapsack"/>). The duals are
/// smoothed toward those of the best Lagrangian bound so far (Wentges' stabilisation), starting from the compact LP's
/// own duals when given: on d10200 the root took 24 s from the master's own duals and 6 s from the compact LP's with the
/// smoothing. Before the first LP a subgradient ascent from those duals (<see cref="SubgradientAscent"/>) moves the
/// centre and adds the knapsacks it visits: on e10200 the master's value had stayed at the seeded plan's for 95 rounds and
/// its bound at the compact LP's for 185, and the root took 297 rounds and 13.7 s; with the ascent 112 rounds and 2.4 s,
/// to the same bound. Columns can be fixed, which takes their rep and accounts out of the pricing (the dive).
/// The master's bound is stronger than the compact LP's: each rep's accounts must fit whole, not as fractions.
/// </summary>
internal sealed class RepColumnMaster
{
    /// <summary>How far the prices lean toward the best-bound duals. 0.7 left d10200's root unconverged at 20 s; 0.9 took 6 s.</summary>
    private const double Smoothing = 0.9;

    private const double Tolerance = 1e-6;

    private readonly AssignmentData _data;
    private readonly int[] _capacity;
    private readonly bool _integralCosts;
    private readonly Solver _solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available");
    private readonly Constraint[] _cover, _onePerRep;
    private readonly List<Column> _columns = [];
    private readonly HashSet<string> _known = [];
    private readonly bool[] _repFixed, _accountFixed;
    private double _fixedCost;
    private double[]? _center;

    /// <summary>The objective the root's <see cref="SubgradientAscent"/> aims at: the seeded plan's; none (one step) without one.</summary>
    private double _ascentTarget = double.NegativeInfinity;

    /// <summary>Each rep's candidate accounts with their whole hours and costs, read once for every pricing.</summary>
    private readonly (int Account, int Hours, double Cost)[][] _options;

    /// <summary>One rep's accounts as a column of the master.</summary>
    public sealed record Column(int Rep, int[] Accounts, double Cost, Variable Share);

    /// <summary>
    /// The master applies to books whose hours and capacities are whole (the knapsack's units): the GAP benchmarks' shape.
    /// </summary>
    public static bool Applies(AssignmentData data) =>
        Enumerable.Range(0, data.AccountCount).All(a => data.Workload[a].All(IsWhole))
        && Enumerable.Range(0, data.RepCount).All(r => data.Capacity[r] <= MaxCapacity);

    /// <summary>
    /// The largest capacity the knapsack's table covers (hours), so a table (accounts x hours) stays within a few megabytes
    /// on the books the dives apply to (at most 8,000 pairs); the small GAP benchmarks' largest capacity is 1,699.
    /// </summary>
    private const double MaxCapacity = 10_000;

    private static bool IsWhole(double value) => value >= 0 && IsInteger(value);

    private static bool IsInteger(double value) => Math.Abs(value - Math.Round(value)) < 1e-9;

    /// <param name="startDuals">The compact LP's duals of the accounts' rows, where the smoothing starts; null: the master's own.</param>
    public RepColumnMaster(AssignmentData data, double[]? startDuals)
    {
        _data = data;
        _center = startDuals?.Length == data.AccountCount ? startDuals : null;
        _capacity = Enumerable.Range(0, data.RepCount).Select(r => (int)Math.Floor(data.Capacity[r] + 1e-9)).ToArray();
        _integralCosts = data.Cost.All(costs => costs.All(IsInteger));
        _cover = Enumerable.Range(0, data.AccountCount).Select(_ => _solver.MakeConstraint(1, 1)).ToArray();
        _onePerRep = Enumerable.Range(0, data.RepCount).Select(_ => _solver.MakeConstraint(0, 1)).ToArray();
        _repFixed = new bool[data.RepCount];
        _accountFixed = new bool[data.AccountCount];
        _options = Enumerable.Range(0, data.RepCount).Select(r => Enumerable.Range(0, data.AccountCount)
            .Select(a => (Account: a, Slot: data.IndexOf(a, r))).Where(e => e.Slot >= 0)
            .Select(e => (e.Account, (int)Math.Round(data.Workload[e.Account][e.Slot]), data.Cost[e.Account][e.Slot])).ToArray()).ToArray();
        // Each account may stay uncovered at a price above any column's, so the master always has a solution.
        var uncoveredPrice = 10 * data.Cost.Max(costs => costs.DefaultIfEmpty(0).Max()) + 1;
        foreach (var cover in _cover)
        {
            var uncovered = _solver.MakeNumVar(0, 1, "");
            _solver.Objective().SetCoefficient(uncovered, uncoveredPrice);
            cover.SetCoefficient(uncovered, 1);
        }
        _solver.Objective().SetMinimization();
    }

    /// <summary>
    /// The best Lagrangian bound found before anything was fixed: valid whatever columns are missing; rounded up on a
    /// book whose pair costs are whole, where every plan's objective is whole too.
    /// </summary>
    public double Bound => Rounded(_bound);

    private double _bound = double.NegativeInfinity;

    /// <summary>The accounts' prices <see cref="_bound"/> was found at.</summary>
    private double[]? _boundPrices;

    /// <summary>
    /// Reduced-cost fixing at the prices of the best bound (<see cref="PairBounds"/>): in the Lagrangian relaxation each
    /// rep takes its best knapsack at those prices, or nothing; a plan that gives an account to a rep makes that rep's
    /// knapsack hold it, so its objective is at least the bound less the rep's best knapsack plus the best one that holds
    /// the account (<see cref="Knapsack.BestBesideEach"/>). Rounded up like <see cref="Bound"/> on a book of whole costs.
    /// Positive infinity for a pair too heavy for its rep; negative infinity (nothing known) for a pair that is no candidate.
    /// </summary>
    public PairBounds PairBounds()
    {
        var bounds = new Dictionary<(int, int), double>();
        if (_boundPrices is { } prices)
            for (var r = 0; r < _data.RepCount; r++)
            {
                var options = _options[r];
                var weights = options.Select(o => o.Hours).ToList();
                var profits = ProfitsAt(options, prices);
                var beside = Knapsack.BestBesideEach(weights, profits, _capacity[r]);
                // The best knapsack is empty or holds some account, with the best of the others beside it.
                var best = Enumerable.Range(0, options.Length).Select(i => profits[i] + beside[i]).Append(0).Max();
                for (var i = 0; i < options.Length; i++)
                    bounds[(options[i].Account, r)] = Rounded(_bound + best - profits[i] - beside[i]);
            }
        return new PairBounds((a, r) => bounds.GetValueOrDefault((a, r), double.NegativeInfinity));
    }

    /// <summary>
    /// The best Lagrangian bound before anything was fixed, not rounded, and the accounts' prices it was found at; null
    /// before the root.
    /// </summary>
    public (double Bound, double[] Prices)? BestLagrangian => _boundPrices is { } prices ? (_bound, prices) : null;

    /// <summary>The rep's candidate accounts with their whole hours and costs.</summary>
    public IReadOnlyList<(int Account, int Hours, double Cost)> OptionsOf(int rep) => _options[rep];

    /// <summary>What each of these options earns a rep's knapsack at the accounts' prices: the price less the pair's cost.</summary>
    public static double[] ProfitsAt(IEnumerable<(int Account, int Hours, double Cost)> options, double[] prices) =>
        options.Select(o => prices[o.Account] - o.Cost).ToArray();

    /// <summary>True when every pair's cost is whole, so every plan's objective is.</summary>
    public bool IntegralCosts => _integralCosts;

    /// <summary>The rep's capacity in whole hours.</summary>
    public int CapacityOf(int rep) => _capacity[rep];

    /// <summary>A bound as <see cref="Bound"/> reports it: rounded up on a book of whole costs, where every plan's objective is whole.</summary>
    private double Rounded(double bound) => _integralCosts && double.IsFinite(bound) ? Math.Ceiling(bound - Tolerance) : bound;

    public int Iterations { get; private set; }

    public int ColumnCount => _columns.Count;

    public bool IsFixed(int rep) => _repFixed[rep];

    public bool EveryAccountFixed => _accountFixed.All(f => f);

    public int FreeRepCount => _repFixed.Count(f => !f);

    public int RepCount => _repFixed.Length;

    public int AccountCount => _accountFixed.Length;

    private bool NothingFixed => FreeRepCount == RepCount;

    /// <summary>
    /// A master with the same columns and the same best bound, nothing fixed, its prices smoothed toward that bound's:
    /// to go on pricing on another thread while this one dives.
    /// </summary>
    public RepColumnMaster Copy()
    {
        var copy = new RepColumnMaster(_data, _boundPrices ?? _center);
        foreach (var column in _columns) copy.Add(column.Rep, column.Accounts, column.Cost);
        (copy._bound, copy._boundPrices) = (_bound, _boundPrices);
        return copy;
    }

    /// <summary>
    /// Adds each rep's accounts in the plan as a column (a rep over its capacity adds none); a plan every rep of which
    /// fits is what the root's ascent aims at.
    /// </summary>
    public void Seed(int[] repOf)
    {
        var (fits, cost) = (true, 0.0);
        for (var r = 0; r < _data.RepCount; r++)
        {
            var accounts = _options[r].Where(o => repOf[o.Account] == r).ToList();
            var repCost = accounts.Sum(o => o.Cost);
            var fit = accounts.Count == repOf.Count(rep => rep == r) && accounts.Sum(o => o.Hours) <= _capacity[r];
            if (fit) Add(r, accounts.Select(o => o.Account).ToArray(), repCost);
            (fits, cost) = (fits && fit, cost + repCost);
        }
        if (fits && repOf.All(r => r >= 0)) _ascentTarget = cost;
    }

    /// <summary>The columns of the reps not fixed yet that the master's solution uses, with their shares.</summary>
    public IEnumerable<(Column Column, double Share)> Used() =>
        _columns.Where(c => !_repFixed[c.Rep]).Select(c => (c, c.Share.SolutionValue())).Where(e => e.Item2 > Tolerance);

    /// <summary>Gives the column's accounts to its rep for good.</summary>
    public void Fix(Column column)
    {
        column.Share.SetLb(1);
        _repFixed[column.Rep] = true;
        _fixedCost += column.Cost;
        foreach (var a in column.Accounts) _accountFixed[a] = true;
    }

    /// <summary>Frees every fixed column again (the next dive starts from the root with every column generated so far).</summary>
    public void UnfixAll()
    {
        foreach (var column in _columns.Where(c => _repFixed[c.Rep] && c.Share.Lb() > 0.5)) column.Share.SetLb(0);
        Array.Clear(_repFixed);
        Array.Clear(_accountFixed);
        _fixedCost = 0;
    }

    /// <summary>The fixed columns' reps per account; -1 for an account no fixed column holds.</summary>
    public int[] FixedRepOf()
    {
        var repOf = Enumerable.Repeat(-1, _data.AccountCount).ToArray();
        foreach (var column in _columns.Where(c => c.Share.Lb() > 0.5))
            foreach (var a in column.Accounts) repOf[a] = column.Rep;
        return repOf;
    }

    /// <summary>
    /// Column generation until no rep has a column of negative reduced cost, for at most <paramref name="rounds"/> rounds
    /// (null: no such limit; a dive step need not converge, and may leave accounts uncovered for the model after the dive);
    /// before anything is fixed, also once the bound rounded up reaches the master's value on a book of whole costs. False
    /// when GLOP fails or <paramref name="cancel"/> stops it.
    /// </summary>
    public bool Generate(int? rounds, CancellationToken cancel, bool untilNoColumn = false)
    {
        var centerBound = double.NegativeInfinity;
        // After a fixing the smoothing starts again from the master's own duals: the old centre priced the fixed accounts too.
        if (!NothingFixed) _center = null;
        else if (Iterations == 0 && _center is not null)
        {
            SubgradientAscent.Ascend(_center, _ascentTarget, AddBestColumnsAt, cancel);
            (centerBound, _center) = (_bound, _boundPrices);
        }
        for (var round = 1; rounds is null || round <= rounds; round++)
        {
            if (cancel.IsCancellationRequested || !Solve()) return false;
            Iterations++;
            var duals = _cover.Select(c => c.DualValue()).ToArray();
            var value = _solver.Objective().Value();
            var added = Price(duals, ref centerBound);
            var settled = !untilNoColumn && _integralCosts && NothingFixed && Bound >= value - Tolerance;
            if (added == 0 || settled) return added == 0 || Solve();
        }
        return Solve();
    }

    private bool Solve()
    {
        if (_solver.Solve() == Solver.ResultStatus.OPTIMAL) return true;
        _solver.Reset();
        return _solver.Solve() == Solver.ResultStatus.OPTIMAL;
    }

    /// <summary>
    /// Prices every free rep at the smoothed duals and adds each best column that has a negative reduced cost at the
    /// master's own duals; when none has (the smoothing mispriced), prices at the master's duals. Returns how many were added.
    /// </summary>
    private int Price(double[] duals, ref double centerBound)
    {
        var limits = _onePerRep.Select(c => c.DualValue()).ToArray();
        var atCenter = _center is not null;
        while (true)
        {
            var prices = atCenter ? duals.Select((d, a) => Smoothing * _center![a] + (1 - Smoothing) * d).ToArray() : duals;
            var (bound, best) = LagrangianBound(prices);
            if (bound > centerBound) (centerBound, _center) = (bound, prices);
            if (NothingFixed) RaiseBound(bound, prices);
            var added = 0;
            for (var r = 0; r < _data.RepCount; r++)
                if (best[r] is { } column && column.Accounts.Sum(a => duals[a]) - column.Cost + limits[r] > Tolerance && Add(r, column.Accounts, column.Cost)) added++;
            if (added > 0 || !atCenter) return added;
            atCenter = false;
        }
    }

    /// <summary>
    /// One step of the ascent that starts the root (nothing fixed): the Lagrangian bound at these prices, every rep's best
    /// column added whatever its reduced cost, and how many of those columns take each account.
    /// </summary>
    private (double Bound, int[] TimesTaken) AddBestColumnsAt(double[] prices)
    {
        var (bound, best) = LagrangianBound(prices);
        RaiseBound(bound, prices);
        var timesTaken = new int[_data.AccountCount];
        for (var r = 0; r < _data.RepCount; r++)
        {
            if (best[r] is not { Accounts.Length: > 0 } column) continue;
            Add(r, column.Accounts, column.Cost);
            foreach (var a in column.Accounts) timesTaken[a]++;
        }
        return (bound, timesTaken);
    }

    private void RaiseBound(double bound, double[] prices)
    {
        if (bound <= _bound) return;
        _bound = bound;
        _boundPrices = prices;
    }

    /// <summary>
    /// The Lagrangian bound at these prices of the accounts' rows (every free rep takes its best knapsack, or nothing),
    /// with each free rep's best set of accounts.
    /// </summary>
    private (double Bound, (int[] Accounts, double Cost)?[] Best) LagrangianBound(double[] prices)
    {
        var bound = _fixedCost;
        for (var a = 0; a < prices.Length; a++)
            if (!_accountFixed[a]) bound += prices[a];
        var best = new (int[] Accounts, double Cost)?[_data.RepCount];
        for (var r = 0; r < _data.RepCount; r++)
        {
            if (_repFixed[r]) continue;
            var open = _options[r].Where(o => !_accountFixed[o.Account]).ToList();
            var (profit, taken) = Knapsack.Best(open.Select(o => o.Hours).ToList(), ProfitsAt(open, prices), _capacity[r]);
            bound -= profit;
            best[r] = (taken.Select(i => open[i].Account).ToArray(), taken.Sum(i => open[i].Cost));
        }
        return (bound, best);
    }

    private bool Add(int rep, int[] accounts, double cost)
    {
        Array.Sort(accounts);
        if (!_known.Add($"{rep}:{string.Join(',', accounts)}")) return false;
        var share = _solver.MakeNumVar(0, 1, "");
        _solver.Objective().SetCoefficient(share, cost);
        foreach (var a in accounts) _cover[a].SetCoefficient(share, 1);
        _onePerRep[rep].SetCoefficient(share, 1);
        _columns.Add(new Column(rep, accounts, cost, share));
        return true;
    }
}
