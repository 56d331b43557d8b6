using Territories.Domain.Contracts;

namespace Territories.Domain.Organisation;

/// <summary>
/// The sales organisation as a checked tree: every parent exists, no cycle. Answers depths, ancestors at a level, the
/// leaves and an order in which every unit comes after all units below it (for roll-ups).
/// </summary>
public sealed class OrgTree
{
    private readonly Dictionary<string, int> _index;
    private readonly int[] _parent;
    private readonly int[] _depth;
    private readonly List<int>[] _children;

    private OrgTree(IReadOnlyList<OrgUnit> units, Dictionary<string, int> index, int[] parent)
    {
        Units = units;
        _index = index;
        _parent = parent;
        _children = units.Select(_ => new List<int>()).ToArray();
        for (var u = 0; u < units.Count; u++) if (parent[u] >= 0) _children[parent[u]].Add(u);
        _depth = new int[units.Count];
        BottomUp = TopDown().Reverse().ToArray();
        foreach (var u in TopDown()) _depth[u] = parent[u] < 0 ? 0 : _depth[parent[u]] + 1;
    }

    public static OrgTree Empty { get; } = new([], [], []);

    public IReadOnlyList<OrgUnit> Units { get; }

    public int Count => Units.Count;

    /// <summary>Unit indexes, every unit after all units below it.</summary>
    public IReadOnlyList<int> BottomUp { get; }

    public bool Contains(string id) => _index.ContainsKey(id);

    public int IndexOf(string id) => _index.TryGetValue(id, out var u) ? u : throw new KeyNotFoundException($"unknown org unit {id}");

    public int ParentOf(int unit) => _parent[unit];

    public int DepthOf(int unit) => _depth[unit];

    public IReadOnlyList<int> ChildrenOf(int unit) => _children[unit];

    public bool IsLeaf(int unit) => _children[unit].Count == 0;

    public IEnumerable<int> Roots => Enumerable.Range(0, Count).Where(u => _parent[u] < 0);

    /// <summary>The deepest level (0 = the roots); -1 for an empty tree.</summary>
    public int Height => Count == 0 ? -1 : _depth.Max();

    /// <summary>The unit's ancestor at <paramref name="level"/>; the unit itself when it is at that level or above it (a shallow branch).</summary>
    public int AncestorAt(int unit, int level)
    {
        while (_depth[unit] > level) unit = _parent[unit];
        return unit;
    }

    /// <summary>The unit and every unit above it, nearest first.</summary>
    public IEnumerable<int> SelfAndAncestors(int unit)
    {
        for (var u = unit; u >= 0; u = _parent[u]) yield return u;
    }

    /// <summary>
    /// Per unit, the sum of the members below it at every level: each member (a rep) adds its value to its own unit,
    /// and each unit to its parent. Members without a unit (-1) are left out.
    /// </summary>
    public T[] RollUp<T>(IReadOnlyList<int> unitOfMember, Func<int, T> valueOf, Func<T, T, T> add, T zero)
    {
        var totals = Enumerable.Repeat(zero, Count).ToArray();
        for (var m = 0; m < unitOfMember.Count; m++)
            if (unitOfMember[m] >= 0) totals[unitOfMember[m]] = add(totals[unitOfMember[m]], valueOf(m));
        foreach (var u in BottomUp)
            if (_parent[u] >= 0) totals[_parent[u]] = add(totals[_parent[u]], totals[u]);
        return totals;
    }

    /// <summary>Units from the roots down: every unit before the units below it.</summary>
    public IEnumerable<int> TopDown()
    {
        var queue = new Queue<int>(Roots);
        while (queue.TryDequeue(out var u))
        {
            yield return u;
            foreach (var c in _children[u]) queue.Enqueue(c);
        }
    }

    /// <summary>Builds the tree; throws when <see cref="Check"/> finds something wrong (readers check first, with field paths).</summary>
    public static OrgTree Of(IReadOnlyList<OrgUnit> units)
    {
        if (units.Count == 0) return Empty;
        List<InputError> errors = [];
        return Check(units, "orgUnits", errors) ?? throw new ArgumentException(string.Join("; ", errors));
    }

    /// <summary>Records an error with its field path for duplicate ids, unknown parents and cycles; the tree when there are none.</summary>
    public static OrgTree? Check(IReadOnlyList<OrgUnit> units, string list, List<InputError> errors)
    {
        var before = errors.Count;
        var index = new Dictionary<string, int>(units.Count);
        for (var u = 0; u < units.Count; u++)
        {
            if (!index.TryAdd(units[u].Id, u))
                errors.Add(new InputError($"{list}[{u}].id", $"duplicate id \"{units[u].Id}\" (first at {list}[{index[units[u].Id]}])"));
        }
        var parent = new int[units.Count];
        for (var u = 0; u < units.Count; u++)
        {
            parent[u] = -1;
            if (units[u].ParentId is not { } p) continue;
            if (index.TryGetValue(p, out var i)) parent[u] = i;
            else errors.Add(new InputError($"{list}[{u}].parentId", $"names unknown org unit \"{p}\""));
        }
        if (errors.Count == before && FirstCycle(parent) is { } cycle)
            errors.Add(new InputError($"{list}[{cycle}].parentId", $"makes a cycle: org unit \"{units[cycle].Id}\" is its own ancestor"));
        return errors.Count == before ? new OrgTree(units, index, parent) : null;
    }

    /// <summary>Records an error for a rep's unit that is unknown or not a leaf (a rep without a unit is outside the organisation).</summary>
    public void CheckMember(string? unitId, string path, List<InputError> errors)
    {
        if (Count == 0)
        {
            if (unitId is not null) errors.Add(new InputError(path, $"names org unit \"{unitId}\" but no orgUnits are given"));
            return;
        }
        if (unitId is null) return; // a rep outside the organisation (a new hire not yet placed): not rolled up, never "within" a unit
        if (!_index.TryGetValue(unitId, out var u)) errors.Add(new InputError(path, $"names unknown org unit \"{unitId}\""));
        else if (!IsLeaf(u))
            errors.Add(new InputError(path, $"names org unit \"{unitId}\", which has units below it; a rep belongs to a leaf ({string.Join(", ", _children[u].Take(3).Select(c => Units[c].Id))}…)"));
    }

    /// <summary>A unit on a cycle of parent links, or null.</summary>
    private static int? FirstCycle(int[] parent)
    {
        var state = new byte[parent.Length]; // 0 unseen, 1 on the current path, 2 known to reach a root
        for (var start = 0; start < parent.Length; start++)
        {
            var path = new List<int>();
            var u = start;
            while (u >= 0 && state[u] == 0)
            {
                state[u] = 1;
                path.Add(u);
                u = parent[u];
            }
            if (u >= 0 && state[u] == 1) return u;
            foreach (var p in path) state[p] = 2;
        }
        return null;
    }
}
