using Territories.Domain.Model;

namespace Territories.Domain.Plans;

/// <summary>One rep's share of the plan.</summary>
/// <param name="Workload">Hours per year of the rep's accounts (pair workloads where given).</param>
/// <param name="Utilization">Workload divided by capacity; 0 when capacity is 0.</param>
/// <param name="FairShare">The rep's fair share of the balance metric (total in proportion to capacity).</param>
/// <param name="Deviation">(metric - fairShare) / fairShare, signed; 0 when the fair share is 0.</param>
/// <param name="TravelKm">Plain sum of great-circle km from the rep's home to each of its accounts.</param>
/// <param name="MovedIn">Accounts that come to this rep from another rep in the problem.</param>
/// <param name="MovedOut">Accounts this rep owns today that the plan gives to another rep.</param>
/// <param name="Tiers">How many of the rep's accounts carry each <c>tier</c> (A, B, C, prospect, ...); accounts without a tier are not counted.</param>
public sealed record RepSummary(
    RepId RepId,
    int Accounts,
    double Workload,
    double Capacity,
    double Utilization,
    decimal Potential,
    decimal Revenue,
    double TravelKm,
    int MovedIn,
    int MovedOut,
    double FairShare,
    double Deviation,
    IReadOnlyDictionary<string, int>? Tiers = null);
