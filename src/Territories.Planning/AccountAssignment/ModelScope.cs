namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Which accounts a CP-SAT model decides. The whole problem: every account, every candidate rep. A neighbourhood (for the
/// large-neighbourhood search): the accounts of a few reps, each free to move among those reps only, while every other
/// account stays where the incumbent has it and enters the rules as a constant. Or some accounts free, each among the reps
/// listed for it, the rest fixed (LP-and-fix). Either may also keep each account to the reps listed for it (the pairs
/// that may still be in a better plan: <see cref="PairBounds"/>).
/// </summary>
internal sealed class ModelScope
{
    private readonly AssignmentData _data;
    private readonly int[]? _fixedRepOf;
    private readonly IReadOnlySet<int>? _reps;
    private readonly IReadOnlyList<IReadOnlySet<int>>? _allowed;
    private readonly Dictionary<int, double> _load = [];
    private readonly Dictionary<int, int> _count = [];
    private readonly Dictionary<int, double> _metric = [];

    private ModelScope(AssignmentData data, int[]? fixedRepOf, IReadOnlySet<int>? reps, IReadOnlyList<IReadOnlySet<int>>? allowed = null)
    {
        _data = data;
        _fixedRepOf = fixedRepOf;
        _reps = reps;
        _allowed = allowed;
        if (fixedRepOf is null) return;
        for (var a = 0; a < data.AccountCount; a++)
        {
            var r = fixedRepOf[a];
            if (r < 0) continue;
            var s = data.IndexOf(a, r);
            _load[r] = _load.GetValueOrDefault(r) + data.Workload[a][s];
            _count[r] = _count.GetValueOrDefault(r) + 1;
            _metric[r] = _metric.GetValueOrDefault(r) + data.MetricValue[a][s];
            if (data.CountsAsMove(a, r)) FixedMoves++;
        }
    }

    public bool IsEverything => _fixedRepOf is null;

    /// <summary>Moves made by the fixed accounts, which count against the move limit.</summary>
    public int FixedMoves { get; }

    public static ModelScope Everything(AssignmentData data) => new(data, null, null);

    /// <summary>Every account, each free among the candidates <paramref name="allowed"/> lists for it.</summary>
    public static ModelScope Everything(AssignmentData data, IReadOnlyList<IReadOnlySet<int>> allowed) => new(data, null, null, allowed);

    /// <summary>
    /// The accounts <paramref name="repOf"/> gives to <paramref name="reps"/>, free among those reps (and, when given, among
    /// the candidates <paramref name="allowed"/> lists for each); the rest fixed.
    /// </summary>
    public static ModelScope Neighbourhood(AssignmentData data, int[] repOf, IReadOnlySet<int> reps, IReadOnlyList<IReadOnlySet<int>>? allowed = null) =>
        new(data, repOf.Select(r => reps.Contains(r) ? -1 : r).ToArray(), reps, allowed);

    /// <summary>
    /// The accounts <paramref name="fixedRepOf"/> leaves at -1, free among all their candidates (or, when given, among the
    /// candidates <paramref name="allowed"/> lists for each); the rest fixed where it puts them.
    /// </summary>
    public static ModelScope Fixing(AssignmentData data, int[] fixedRepOf, IReadOnlyList<IReadOnlySet<int>>? allowed = null) => new(data, fixedRepOf, null, allowed);

    /// <summary>The candidate slots the model decides for this account: none for a fixed account.</summary>
    public int[] SlotsOf(int account)
    {
        if (_fixedRepOf?[account] >= 0) return [];
        var candidates = _data.Candidates[account];
        return Enumerable.Range(0, candidates.Length)
            .Where(s => (_reps is null || _reps.Contains(candidates[s])) && (_allowed is null || _allowed[account].Contains(candidates[s]))).ToArray();
    }

    /// <summary>The rep a fixed account keeps; -1 for an account the model decides.</summary>
    public int FixedRepOf(int account) => _fixedRepOf?[account] ?? -1;

    public long FixedLoad(int rep, IntegerScale scale) => _load.TryGetValue(rep, out var load) ? scale.Up(load) : 0;

    public int FixedCount(int rep) => _count.GetValueOrDefault(rep);

    public long FixedMetric(int rep, IntegerScale scale) => _metric.TryGetValue(rep, out var metric) ? scale.Round(metric) : 0;
}
