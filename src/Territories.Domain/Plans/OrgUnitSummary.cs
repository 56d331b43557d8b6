namespace Territories.Domain.Plans;

/// <summary>One org unit's share of a plan: sums over the reps below it (contract section 8).</summary>
/// <param name="Level">The unit's depth in the tree, 0 for a root.</param>
/// <param name="Reps">Reps below the unit.</param>
/// <param name="Utilization">Workload divided by capacity; 0 when capacity is 0.</param>
/// <param name="MovedIn">Sum of the reps' movedIn (a move between two reps of the unit counts in and out).</param>
public sealed record OrgUnitSummary(
    string OrgUnitId,
    string? Name,
    string? ParentId,
    int Level,
    int Reps,
    int Accounts,
    double Workload,
    double Capacity,
    double Utilization,
    decimal Potential,
    decimal Revenue,
    int MovedIn,
    int MovedOut);
