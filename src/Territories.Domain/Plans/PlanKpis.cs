namespace Territories.Domain.Plans;

/// <summary>Plan-wide figures used to compare plans.</summary>
/// <param name="MovedAccounts">Accounts whose current rep is in the problem and who get another rep.</param>
/// <param name="MovedRevenue">Revenue of those accounts.</param>
/// <param name="OrphanedAccounts">Accounts whose current rep is not in the problem (they had to move).</param>
/// <param name="WorkloadMaxDeviation">Largest |workload - fair share| / fair share over reps with capacity.</param>
/// <param name="BalanceMaxDeviation">The same, for the balance metric of the problem's options.</param>
/// <param name="TotalTravelKm">Plain sum of distances from each account to its rep's home.</param>
/// <param name="UtilizationMin">Smallest workload / capacity over reps with capacity.</param>
/// <param name="UtilizationMax">Largest workload / capacity over reps with capacity.</param>
public sealed record PlanKpis(
    int MovedAccounts,
    decimal MovedRevenue,
    int OrphanedAccounts,
    double WorkloadMaxDeviation,
    double BalanceMaxDeviation,
    double TotalTravelKm,
    double TotalWorkload,
    double UtilizationMin,
    double UtilizationMax,
    decimal TotalCost);
