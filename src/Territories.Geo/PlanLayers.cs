using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Geo;

/// <summary>What a map of a plan shows: each unit's rep (the rep of most of its accounts), each account's rep, the reps' order.</summary>
public sealed class PlanLayers
{
    public PlanLayers(TerritoryProblem problem, Plan plan, IReadOnlyList<UnitShape>? units)
    {
        Problem = problem;
        Plan = plan;
        RepOfAccount = plan.Assignments.ToDictionary(a => a.AccountId, a => a.RepId);
        RepIndex = problem.Reps.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        RepOfUnit = problem.Accounts
            .Where(a => a.UnitId is not null && RepOfAccount.ContainsKey(a.Id))
            .GroupBy(a => a.UnitId!.Value)
            .ToDictionary(g => g.Key, g => g.GroupBy(a => RepOfAccount[a.Id]).OrderByDescending(r => r.Count()).ThenBy(r => r.Key.Value, StringComparer.Ordinal).First().Key);
        var used = problem.Units.Select(u => u.Id).Concat(RepOfUnit.Keys).ToHashSet();
        Units = units?.Where(u => used.Contains(u.Id)).ToList() ?? [];
    }

    public TerritoryProblem Problem { get; }
    public Plan Plan { get; }
    public IReadOnlyDictionary<AccountId, RepId> RepOfAccount { get; }
    public IReadOnlyDictionary<UnitId, RepId> RepOfUnit { get; }
    public IReadOnlyDictionary<RepId, int> RepIndex { get; }
    /// <summary>The shapes of the problem's units (those named in <c>units</c> or by an account); empty without shapes.</summary>
    public IReadOnlyList<UnitShape> Units { get; }
}
