using Territories.Domain.Organisation;

namespace Territories.Domain.Model;

/// <summary>A territory problem as the contract defines it: reps, accounts, units, pairs and options.</summary>
/// <remarks>Build it through <see cref="Contracts.TerritoryProblemReader"/> or <see cref="Create"/>, which check the invariants
/// the rest of the system relies on: unique ids, and references that resolve.</remarks>
public sealed class TerritoryProblem
{
    private readonly Dictionary<RepId, int> _repIndex;
    private readonly Dictionary<AccountId, int> _accountIndex;
    private readonly Dictionary<(int Account, int Rep), Pair> _pairs;
    private readonly int[][] _pairRepsByAccount;
    private ObjectiveScales? _scales;
    private int[][]? _eligible;
    private (UnitVector?[] Accounts, UnitVector?[] Homes)? _vectors;

    private TerritoryProblem(string? name, IReadOnlyList<Rep> reps, IReadOnlyList<Account> accounts,
        IReadOnlyList<Unit> units, IReadOnlyList<Pair> pairs, SolveOptions options, OrgTree org)
    {
        Org = org;
        RepUnits = reps.Select(r => r.OrgUnitId is { } u ? org.IndexOf(u) : -1).ToArray();
        Name = name;
        Reps = reps;
        Accounts = accounts;
        Units = units;
        Pairs = pairs;
        Options = options;
        HasRevenue = accounts.Any(a => a.Revenue != 0);
        HasGeography = reps.All(r => r.Home is not null) && accounts.All(a => a.Location is not null);
        _repIndex = Index(reps, r => r.Id, "rep");
        _accountIndex = Index(accounts, a => a.Id, "account");
        _pairs = new Dictionary<(int, int), Pair>(pairs.Count);
        var pairReps = new List<int>[accounts.Count];
        foreach (var pair in pairs)
        {
            var key = (AccountIndexOf(pair.AccountId), RepIndexOf(pair.RepId));
            if (!_pairs.TryAdd(key, pair))
                throw new ArgumentException($"pair ({pair.AccountId}, {pair.RepId}) is given twice");
            (pairReps[key.Item1] ??= []).Add(key.Item2);
        }
        _pairRepsByAccount = pairReps.Select(l => l?.ToArray() ?? []).ToArray();
        foreach (var account in accounts)
        {
            if (account.LockedRepId is { } locked && !_repIndex.ContainsKey(locked))
                throw new ArgumentException($"account {account.Id} is locked to unknown rep {locked}");
        }
    }

    public string? Name { get; }
    public IReadOnlyList<Rep> Reps { get; }
    public IReadOnlyList<Account> Accounts { get; }
    public IReadOnlyList<Unit> Units { get; }
    public IReadOnlyList<Pair> Pairs { get; }
    public SolveOptions Options { get; }

    /// <summary>The sales organisation (empty when the problem gives none).</summary>
    public OrgTree Org { get; }

    /// <summary>The org unit index of each rep; -1 for a rep without one.</summary>
    public IReadOnlyList<int> RepUnits { get; }

    /// <summary>True when some account has revenue; disruption then weighs moves by revenue, else counts them.</summary>
    public bool HasRevenue { get; }

    public static TerritoryProblem Create(IReadOnlyList<Rep> reps, IReadOnlyList<Account> accounts,
        SolveOptions? options = null, IReadOnlyList<Pair>? pairs = null, IReadOnlyList<Unit>? units = null, string? name = null,
        IReadOnlyList<OrgUnit>? orgUnits = null)
        => new(name, reps, accounts, units ?? [], pairs ?? [], options ?? SolveOptions.Default, OrgTree.Of(orgUnits ?? []));

    public TerritoryProblem WithOptions(SolveOptions options) => new(Name, Reps, Accounts, Units, Pairs, options, Org);

    /// <summary>The same problem (reps, units, pairs, options, organisation) with other accounts, e.g. newly classified.</summary>
    public TerritoryProblem WithAccounts(IReadOnlyList<Account> accounts) => new(Name, Reps, accounts, Units, Pairs, Options, Org);

    public int RepIndexOf(RepId id) =>
        _repIndex.TryGetValue(id, out var i) ? i : throw new KeyNotFoundException($"unknown rep {id}");

    public int AccountIndexOf(AccountId id) =>
        _accountIndex.TryGetValue(id, out var i) ? i : throw new KeyNotFoundException($"unknown account {id}");

    public bool HasRep(RepId id) => _repIndex.ContainsKey(id);

    public bool HasAccount(AccountId id) => _accountIndex.ContainsKey(id);

    /// <summary>The pair given for (account, rep), if any.</summary>
    public Pair? PairOf(int account, int rep) => _pairs.Count == 0 ? null : _pairs.GetValueOrDefault((account, rep));

    /// <summary>The reps that a pair names for this account.</summary>
    public IReadOnlyList<int> PairRepsOf(int account) => _pairRepsByAccount[account];

    /// <summary>The index of the account's current rep, or -1 when it has none or its rep is not in the problem.</summary>
    public int CurrentRepIndexOf(int account) =>
        Accounts[account].CurrentRepId is { } id && _repIndex.TryGetValue(id, out var r) ? r : -1;

    /// <summary>True when the account's current rep is named but not in the problem (the rep left).</summary>
    public bool IsOrphaned(int account) => Accounts[account].CurrentRepId is { } id && !_repIndex.ContainsKey(id);

    /// <summary>Hours per year the account costs the rep: the pair's workload when a pair gives one, else the account's.</summary>
    public double WorkloadOf(int account, int rep) =>
        PairOf(account, rep)?.Workload ?? Accounts[account].Workload
        ?? throw new InvalidOperationException($"account {Accounts[account].Id} has no workload for rep {Reps[rep].Id}");

    /// <summary>The least workload any eligible rep would carry for the account (its own workload when no pair names it).</summary>
    public double LeastWorkloadOf(int account)
    {
        var eligible = EligibleRepsOf(account);
        if (_pairRepsByAccount[account].Length == 0) return WorkloadOf(account, eligible[0]);
        var least = double.PositiveInfinity;
        foreach (var rep in eligible) least = Math.Min(least, WorkloadOf(account, rep));
        return least;
    }

    /// <summary>The pair's cost, or 0 when no pair is given.</summary>
    public decimal CostOf(int account, int rep) => PairOf(account, rep)?.Cost ?? 0m;

    /// <summary>
    /// Eligibility: the rep holds every required skill, the lock (if any) names it, under pairsOnly a pair allows it, and
    /// under moveWithin the rep is in the same unit at that level as the account's current rep.
    /// </summary>
    public bool IsEligible(int account, int rep)
    {
        var a = Accounts[account];
        if (a.LockedRepId is { } locked && RepIndexOf(locked) != rep) return false;
        if (Options.PairsOnly && PairOf(account, rep) is null) return false;
        if (!IsWithinMoveUnit(account, rep)) return false;
        return Reps[rep].HasSkills(a.RequiredSkills);
    }

    /// <summary>
    /// The org unit at the moveWithin level that the account must stay inside: its current rep's unit at that level, or
    /// -1 when the rule does not bind it (no moveWithin, or no current rep in the problem).
    /// </summary>
    public int MoveUnitOf(int account) =>
        Options.MoveWithin is { } level && CurrentRepIndexOf(account) is var current and >= 0 && RepUnits[current] >= 0
            ? Org.AncestorAt(RepUnits[current], level) : -1;

    /// <summary>The moveWithin rule alone: true when it does not bind the account or the rep is inside the account's unit.</summary>
    public bool IsWithinMoveUnit(int account, int rep)
    {
        var unit = MoveUnitOf(account);
        return unit < 0 || (RepUnits[rep] >= 0 && Org.AncestorAt(RepUnits[rep], Options.MoveWithin!.Value) == unit);
    }

    /// <summary>
    /// The reps each account may go to (skills, lock, pairsOnly), computed once. Accounts with the same required skills
    /// and no lock share one array, so this stays small even at 50,000 accounts x 500 reps.
    /// </summary>
    public IReadOnlyList<int> EligibleRepsOf(int account) => (_eligible ??= ComputeEligible())[account];

    private int[][] ComputeEligible()
    {
        var bySkills = new Dictionary<string, int[]>();
        var eligible = new int[Accounts.Count][];
        for (var a = 0; a < Accounts.Count; a++)
        {
            var account = Accounts[a];
            if (account.LockedRepId is not null || Options.PairsOnly)
            {
                eligible[a] = Enumerable.Range(0, Reps.Count).Where(r => IsEligible(a, r)).ToArray();
                continue;
            }
            var key = string.Join('\u001f', account.RequiredSkills.Order(StringComparer.Ordinal)) + '\u001e' + MoveUnitOf(a);
            if (!bySkills.TryGetValue(key, out var reps))
            {
                reps = Enumerable.Range(0, Reps.Count).Where(r => Reps[r].HasSkills(account.RequiredSkills) && IsWithinMoveUnit(a, r)).ToArray();
                bySkills[key] = reps;
            }
            eligible[a] = reps;
        }
        return eligible;
    }

    /// <summary>True when every rep has a home and every account a location, so travel can be measured.</summary>
    public bool HasGeography { get; }

    /// <summary>The weights in force: travel is left out when weights were not given and the geography is missing.</summary>
    public ObjectiveWeights EffectiveWeights =>
        !Options.WeightsGiven && !HasGeography ? Options.Weights with { Travel = 0 } : Options.Weights;

    /// <summary>The scales of the objective's terms, computed once (see <see cref="Model.ObjectiveScales"/>).</summary>
    public ObjectiveScales Scales => _scales ??= ObjectiveScales.For(this);

    /// <summary>Great-circle km from the rep's home to the account; 0 when either has no position.</summary>
    public double DistanceKm(int account, int rep)
    {
        var (accounts, homes) = _vectors ??= (Accounts.Select(a => Vector(a.Location)).ToArray(), Reps.Select(r => Vector(r.Home)).ToArray());
        return accounts[account] is { } p && homes[rep] is { } h ? GreatCircle.DistanceKm(h, p) : 0;
    }

    private static UnitVector? Vector(GeoPoint? point) => point is { } p ? UnitVector.Of(p) : null;

    private static Dictionary<TId, int> Index<T, TId>(IReadOnlyList<T> items, Func<T, TId> id, string what)
        where TId : notnull
    {
        var index = new Dictionary<TId, int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (!index.TryAdd(id(items[i]), i))
                throw new ArgumentException($"{what} id {id(items[i])} is given twice");
        }
        return index;
    }
}
