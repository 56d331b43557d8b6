using Territories.Domain.Model;

namespace Territories.Domain.Evaluation;

/// <summary>With contiguity on: every unit's accounts share one rep, and each rep's units form one connected set.</summary>
internal static class Contiguity
{
    public static IEnumerable<RuleViolation> Check(TerritoryProblem problem, IReadOnlyList<int> repOf)
    {
        if (!problem.Options.Contiguity) return [];
        var violations = new List<RuleViolation>();
        var repOfUnit = new Dictionary<UnitId, int>();
        for (var a = 0; a < repOf.Count; a++)
        {
            if (repOf[a] < 0 || problem.Accounts[a].UnitId is not { } unit) continue;
            if (repOfUnit.TryGetValue(unit, out var other) && other != repOf[a])
                violations.Add(new RuleViolation(RuleNames.UnitTogether,
                    $"unit {unit} is split between reps {problem.Reps[other].Id} and {problem.Reps[repOf[a]].Id}",
                    [problem.Accounts[a].Id.Value], [problem.Reps[other].Id.Value, problem.Reps[repOf[a]].Id.Value]));
            else repOfUnit[unit] = repOf[a];
        }
        var graph = UnitGraph.Of(problem.Units);
        foreach (var group in repOfUnit.GroupBy(kv => kv.Value, kv => kv.Key))
        {
            var components = graph.Components(group.ToHashSet());
            if (components.Count > 1)
                violations.Add(new RuleViolation(RuleNames.Contiguity,
                    $"rep {problem.Reps[group.Key].Id}'s units form {components.Count} separate pieces: " +
                    string.Join(" | ", components.Select(c => string.Join(",", c.Take(5)))),
                    [], [problem.Reps[group.Key].Id.Value]));
        }
        return violations;
    }
}

/// <summary>The unit adjacency graph, with neighbour lists read as two-way.</summary>
public sealed class UnitGraph
{
    private readonly Dictionary<UnitId, HashSet<UnitId>> _neighbors = [];

    public static UnitGraph Of(IEnumerable<Unit> units)
    {
        var graph = new UnitGraph();
        foreach (var unit in units)
        {
            graph.Neighbors(unit.Id);
            foreach (var n in unit.Neighbors)
            {
                graph.Neighbors(unit.Id).Add(n);
                graph.Neighbors(n).Add(unit.Id);
            }
        }
        return graph;
    }

    public HashSet<UnitId> Neighbors(UnitId unit)
    {
        if (!_neighbors.TryGetValue(unit, out var set)) _neighbors[unit] = set = [];
        return set;
    }

    /// <summary>The connected pieces of the subgraph induced by <paramref name="members"/>.</summary>
    public IReadOnlyList<IReadOnlyList<UnitId>> Components(IReadOnlySet<UnitId> members)
    {
        var seen = new HashSet<UnitId>();
        var components = new List<IReadOnlyList<UnitId>>();
        foreach (var start in members.OrderBy(u => u.Value, StringComparer.Ordinal))
        {
            if (!seen.Add(start)) continue;
            var component = new List<UnitId>();
            var queue = new Queue<UnitId>([start]);
            while (queue.TryDequeue(out var unit))
            {
                component.Add(unit);
                foreach (var n in Neighbors(unit))
                    if (members.Contains(n) && seen.Add(n)) queue.Enqueue(n);
            }
            components.Add(component);
        }
        return components;
    }
}
