using Territories.Domain.Contracts;
using Territories.Domain.Model;

namespace Territories.Geo;

/// <summary>Gives a problem the units of a map: the shapes its accounts name, with neighbours from their shared boundaries.</summary>
public static class ProblemUnits
{
    /// <summary>
    /// The problem with <c>units</c> replaced by the shapes' adjacency, and the shapes kept: those its accounts name (all
    /// of them when no account names a unit). Every unit an account names must have a shape.
    /// </summary>
    public static (TerritoryProblem Problem, IReadOnlyList<UnitShape> Shapes) FromShapes(TerritoryProblem problem, IReadOnlyList<UnitShape> shapes)
    {
        var named = problem.Accounts.Where(a => a.UnitId is not null).GroupBy(a => a.UnitId!.Value).ToDictionary(g => g.Key, g => g.Select(a => a.Id.Value).ToList());
        var ids = shapes.Select(s => s.Id).ToHashSet();
        var missing = named.Keys.Where(u => !ids.Contains(u)).OrderBy(u => u.Value, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidInputException([new InputError("features",
                $"{missing.Count} unit(s) named by accounts have no feature: {string.Join(", ", missing.Take(10).Select(u => $"{u} (account {named[u][0]})"))}")]);
        var kept = named.Count == 0 ? shapes : shapes.Where(s => named.ContainsKey(s.Id)).ToList();
        var units = UnitAdjacency.ToUnits(kept, UnitAdjacency.FromShapes(kept));
        return (TerritoryProblem.Create(problem.Reps, problem.Accounts, problem.Options, problem.Pairs, units, problem.Name, problem.Org.Units), kept);
    }
}
