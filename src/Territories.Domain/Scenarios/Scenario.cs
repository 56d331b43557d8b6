using Territories.Domain.Model;

namespace Territories.Domain.Scenarios;

/// <summary>A what-if on a dataset: the changes to its reps and accounts and the solver options to plan it with.</summary>
/// <param name="Options">The options of the solve; null keeps the dataset's own options.</param>
/// <param name="Goal">The annual sales goal (currency's major unit) the scenario's quotas default to; null when not set.</param>
public sealed record Scenario(string Name, string DatasetId, ScenarioChanges Changes, SolveOptions? Options, decimal? Goal);

/// <summary>Changes a scenario makes to its dataset, applied in this order: remove, add, resize reps; unlock, lock accounts.</summary>
public sealed record ScenarioChanges(
    IReadOnlyList<RepId> RepsRemoved,
    IReadOnlyList<Rep> RepsAdded,
    IReadOnlyList<RepResize> RepsResized,
    IReadOnlyList<AccountId> AccountsUnlocked,
    IReadOnlyList<AccountLock> AccountsLocked)
{
    public static ScenarioChanges None { get; } = new([], [], [], [], []);
}

/// <summary>A new capacity (hours per year) and/or account cap for a rep; null leaves that field as it is.</summary>
public sealed record RepResize(RepId RepId, double? Capacity, int? MaxAccounts);

/// <summary>Fixes an account to a rep in the scenario.</summary>
public sealed record AccountLock(AccountId AccountId, RepId RepId);
