using System.Numerics;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// An exact cover with a budget: one set per rep, every account in exactly one set, the sets' losses within the budget
/// (Knuth's Algorithm X over the accounts and the reps, with a bound). Each node branches on the account or rep with the
/// fewest sets left that fit, cheapest set first; a node ends when the reps' cheapest sets left exceed the budget left,
/// or some account or rep has none. The sets open at a node are a bit set, and a child's are its parent's less the sets
/// that hold an account of the set picked or belong to its rep, a few word operations per set index: filtering the
/// parent's list set by set instead cost e20200's search 564 million set visits for the 45 million that stayed open.
/// </summary>
internal sealed class CoverSearch
{
    private const double Tolerance = 1e-7;

    /// <summary>With a deterministic limit, the nodes the search may visit per deterministic second.</summary>
    public const long NodesPerDeterministicSecond = 20_000;

    private readonly int _accountCount;
    private readonly int _repCount;
    private readonly int _words;
    private readonly long _mostNodes;
    private readonly CancellationToken _cancel;

    /// <summary>The sets, rep by rep and within a rep cheapest first.</summary>
    private readonly (int[] Accounts, double Loss, int Rep)[] _sets;

    /// <summary>Each rep's sets: indices <c>Start</c> to <c>End</c> - 1 of <see cref="_sets"/>.</summary>
    private readonly (int Start, int End)[] _repSets;

    /// <summary>Per account, the bit set of the sets that hold it.</summary>
    private readonly ulong[][] _holding;

    /// <summary>Per depth (sets picked), the sets open there.</summary>
    private readonly ulong[][] _open;

    private int[]? _chosen;

    public enum Outcome { Found, NoCover, Stopped }

    /// <summary>Nodes the search visited.</summary>
    public long Nodes { get; private set; }

    /// <param name="sets">Each rep's sets: the accounts (0 to <paramref name="accountCount"/> - 1) and the loss.</param>
    /// <param name="mostNodes">The search stops (<see cref="Outcome.Stopped"/>) after this many nodes.</param>
    public CoverSearch(int accountCount, IReadOnlyList<IReadOnlyList<(int[] Accounts, double Loss)>> sets, long mostNodes, CancellationToken cancel)
    {
        _accountCount = accountCount;
        _repCount = sets.Count;
        _mostNodes = mostNodes;
        _cancel = cancel;
        _sets = sets.SelectMany((list, rep) => list.OrderBy(s => s.Loss).Select(s => (s.Accounts, s.Loss, rep))).ToArray();
        _repSets = new (int, int)[_repCount];
        for (int r = 0, start = 0; r < _repCount; start += sets[r].Count, r++) _repSets[r] = (start, start + sets[r].Count);
        _words = (_sets.Length + 63) / 64;
        _holding = Enumerable.Range(0, accountCount).Select(_ => new ulong[_words]).ToArray();
        for (var i = 0; i < _sets.Length; i++)
            foreach (var a in _sets[i].Accounts) _holding[a][i >> 6] |= 1UL << (i & 63);
        _open = Enumerable.Range(0, _repCount + 1).Select(_ => new ulong[_words]).ToArray();
    }

    /// <summary>Looks for a cover within <paramref name="budget"/>; on <see cref="Outcome.Found"/>, each rep's set in <paramref name="chosen"/>.</summary>
    public Outcome Find(double budget, out (int Rep, int[] Accounts)[] chosen)
    {
        chosen = [];
        var all = _open[0];
        Array.Fill(all, ulong.MaxValue);
        if (_sets.Length % 64 != 0) all[^1] = (1UL << (_sets.Length % 64)) - 1;
        if (_sets.Length == 0) Array.Clear(all);
        var result = Search(0, new bool[_accountCount], new bool[_repCount], budget, new List<int>());
        if (result == Outcome.Found) chosen = _chosen!.Select(i => (_sets[i].Rep, _sets[i].Accounts)).ToArray();
        return result;
    }

    private Outcome Search(int depth, bool[] covered, bool[] repDone, double budget, List<int> picked)
    {
        Nodes++;
        if (Nodes > _mostNodes || (Nodes & 255) == 0 && _cancel.IsCancellationRequested) return Outcome.Stopped;
        var open = _open[depth];
        // Each free rep's cheapest open set is its first (its sets are cheapest first); together they are a floor on the
        // loss still to come, and a set may cost at most the slack above its rep's cheapest.
        var cheapest = new double[_repCount];
        var floor = 0.0;
        for (var r = 0; r < _repCount; r++)
        {
            if (repDone[r]) continue;
            var first = FirstOpen(open, _repSets[r].Start, _repSets[r].End);
            if (first < 0) return Outcome.NoCover;
            cheapest[r] = _sets[first].Loss;
            floor += cheapest[r];
        }
        if (floor > budget + Tolerance) return Outcome.NoCover;
        var slack = budget - floor + Tolerance;

        var byAccount = new int[_accountCount];
        var byRep = new int[_repCount];
        for (var w = 0; w < _words; w++)
            for (var bits = open[w]; bits != 0; bits &= bits - 1)
            {
                var i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                var set = _sets[i];
                if (set.Loss - cheapest[set.Rep] > slack)
                {
                    open[w] &= ~(1UL << (i & 63));
                    continue;
                }
                byRep[set.Rep]++;
                foreach (var a in set.Accounts) byAccount[a]++;
            }
        var (fewest, account, rep) = (int.MaxValue, -1, -1);
        for (var a = 0; a < _accountCount; a++)
            if (!covered[a] && byAccount[a] < fewest) (fewest, account, rep) = (byAccount[a], a, -1);
        for (var r = 0; r < _repCount; r++)
            if (!repDone[r] && byRep[r] < fewest) (fewest, account, rep) = (byRep[r], -1, r);
        if (account < 0 && rep < 0)
        {
            _chosen = [.. picked];
            return Outcome.Found;
        }
        if (fewest == 0) return Outcome.NoCover;

        var branches = new List<int>(fewest);
        if (account >= 0)
        {
            var holding = _holding[account];
            for (var w = 0; w < _words; w++)
                for (var bits = open[w] & holding[w]; bits != 0; bits &= bits - 1) branches.Add((w << 6) + BitOperations.TrailingZeroCount(bits));
            branches.Sort((x, y) => _sets[x].Loss.CompareTo(_sets[y].Loss));
        }
        else
            for (var i = _repSets[rep].Start; i < _repSets[rep].End; i++)
                if (IsOpen(open, i)) branches.Add(i);

        var child = _open[depth + 1];
        foreach (var i in branches)
        {
            var set = _sets[i];
            Array.Copy(open, child, _words);
            foreach (var a in set.Accounts)
            {
                var holding = _holding[a];
                for (var w = 0; w < _words; w++) child[w] &= ~holding[w];
                covered[a] = true;
            }
            Close(child, _repSets[set.Rep].Start, _repSets[set.Rep].End);
            repDone[set.Rep] = true;
            picked.Add(i);
            var outcome = Search(depth + 1, covered, repDone, budget - set.Loss, picked);
            picked.RemoveAt(picked.Count - 1);
            repDone[set.Rep] = false;
            foreach (var a in set.Accounts) covered[a] = false;
            if (outcome != Outcome.NoCover) return outcome;
        }
        return Outcome.NoCover;
    }

    private static bool IsOpen(ulong[] open, int i) => (open[i >> 6] & (1UL << (i & 63))) != 0;

    /// <summary>The first open set from <paramref name="start"/> to <paramref name="end"/> - 1, or -1.</summary>
    private static int FirstOpen(ulong[] open, int start, int end)
    {
        for (var i = start; i < end;)
        {
            var bits = open[i >> 6] >> (i & 63);
            if (bits != 0)
            {
                var found = i + BitOperations.TrailingZeroCount(bits);
                return found < end ? found : -1;
            }
            i = ((i >> 6) + 1) << 6;
        }
        return -1;
    }

    /// <summary>Closes the sets from <paramref name="start"/> to <paramref name="end"/> - 1.</summary>
    private static void Close(ulong[] open, int start, int end)
    {
        for (var i = start; i < end;)
        {
            var word = i >> 6;
            var upTo = Math.Min(end, (word + 1) << 6);
            var width = upTo - i;
            var mask = (width == 64 ? ulong.MaxValue : (1UL << width) - 1) << (i & 63);
            open[word] &= ~mask;
            i = upTo;
        }
    }
}
