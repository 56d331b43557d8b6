namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Which accounts a CP-SAT model decides. The whole problem: every account, every candidate rep. A neighbourhood (for the
/// large-neighbourhood search): the accounts of a few reps, each free to move among those reps only, while every other
/// account stays where the incumbent has it and enters the rules as a constant. Or some accounts free, each among the reps
/// listed for it, the rest fixed (LP-and-fix).
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

    /// <summary>The accounts <paramref name="repOf"/> gives to <paramref name="reps"/>, free among those reps; the rest fixed.</summary>
    public static ModelScope Neighbourhood(AssignmentData data, int[] repOf, IReadOnlySet<int> reps) =>
        new(data, repOf.Select(r => reps.Contains(r) ? -1 : r).ToArray(), reps);

    /// <summary>The accounts <paramref name="fixedRepOf"/> leaves at -1, free among all their candidates; the rest fixed where it puts them.</summary>
    public static ModelScope Fixing(AssignmentData data, int[] fixedRepOf) => new(data, fixedRepOf, null);

    /// <summary>The accounts <paramref name="fixedRepOf"/> leaves at -1, each free among the candidates <paramref name="allowed"/> lists for it; the rest fixed.</summary>
    public static ModelScope Fixing(AssignmentData data, int[] fixedRepOf, IReadOnlyList<IReadOnlySet<int>> allowed) => new(data, fixedRepOf, null, allowed);

    /// <summary>The candidate slots the model decides for this account: none for a fixed account.</summary>
    public int[] SlotsOf(int account)
    {
        var slots = Enumerable.Range(0, _data.Candidates[account].Length);
        if (_fixedRepOf is null) return slots.ToArray();
        if (_fixedRepOf[account] >= 0) return [];
        if (_allowed is not null) return slots.Where(s => _allowed[account].Contains(_data.Candidates[account][s])).ToArray();
        return _reps is null ? slots.ToArray() : slots.Where(s => _reps.Contains(_data.Candidates[account][s])).ToArray();
    }

    /// <summary>The rep a fixed account keeps; -1 for an account the model decides.</summary>
    public int FixedRepOf(int account) => _fixedRepOf?[account] ?? -1;

    public long FixedLoad(int rep, IntegerScale scale) => _load.TryGetValue(rep, out var load) ? scale.Up(load) : 0;

    public int FixedCount(int rep) => _count.GetValueOrDefault(rep);

    public long FixedMetric(int rep, IntegerScale scale) => _metric.TryGetValue(rep, out var metric) ? scale.Round(metric) : 0;
}
