using Territories.Domain.Model;

namespace Territories.Api.Resources;

/// <summary>Plans side by side: one column per run, and the accounts whose rep differs between them.</summary>
/// <param name="ChangedAccounts">Accounts that do not have the same rep in every plan, with the rep in each run (null: not in that run's plan).</param>
public sealed record Comparison(IReadOnlyList<ComparedRun> Runs, int ChangedAccountCount, IReadOnlyList<AccountChange> ChangedAccounts);

/// <summary>One run's headline figures.</summary>
/// <param name="WorkloadMaxDeviation">Largest |workload - fair share| / fair share over reps: 0 is perfectly balanced.</param>
/// <param name="UtilizationSpread">Highest minus lowest rep utilisation (workload / capacity).</param>
/// <param name="Coverage">Accounts the plan assigns, as a share of the run's accounts.</param>
public sealed record ComparedRun(string RunId, string ScenarioId, string Status, decimal? Objective, double WorkloadMaxDeviation,
    double UtilizationMin, double UtilizationMax, double UtilizationSpread, double TotalTravelKm, int MovedAccounts, decimal MovedRevenue,
    int Accounts, int AssignedAccounts, double Coverage, int Reps);

/// <summary>An account and its rep in each compared run, in the order the runs were named.</summary>
public sealed record AccountChange(AccountId AccountId, IReadOnlyList<RepId?> RepIds);
