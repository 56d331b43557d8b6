using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Domain.Quotas;

/// <summary>The quota plan: every rep's quota per year, quarter, month and week, adding up exactly at every level.</summary>
/// <param name="Total">goal * (1 + overAssignment), rounded to cents: the sum of the reps' annual quotas.</param>
public sealed record QuotaPlan(
    decimal Goal,
    decimal Total,
    string Currency,
    IReadOnlyList<PeriodView> Periods,
    IReadOnlyList<RepQuota> Reps,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>With orgUnits: each unit's quotas, top-down and bottom-up (contract section 8); empty for a flat team.</summary>
    public IReadOnlyList<OrgQuota> OrgUnits { get; init; } = [];
}

/// <summary>One org unit's quotas.</summary>
/// <param name="Assigned">Top-down: the unit's share of its parent's amount (of the company's total for a root).</param>
/// <param name="Annual">Bottom-up: the exact sum of the reps' quotas below the unit; above <paramref name="Assigned"/> by the over-assignment of its levels.</param>
/// <param name="Quarters">The exact sums of the reps' quarters below the unit.</param>
/// <param name="Months">The exact sums of the reps' months below the unit.</param>
public sealed record OrgQuota(
    string OrgUnitId,
    string? Name,
    string? ParentId,
    int Level,
    decimal Assigned,
    decimal Annual,
    IReadOnlyList<PeriodAmount> Quarters,
    IReadOnlyList<PeriodAmount> Months);

/// <summary>A period as the plan lists it.</summary>
public sealed record PeriodView(string Id, string Kind, DateOnly Start, DateOnly End, int WorkingDays, string Quarter, string? Month)
{
    public static PeriodView Of(Period p) => new(p.Id, p.Kind.ToString().ToLowerInvariant(), p.Start, p.End, p.WorkingDays, p.Quarter, p.Month);
}

/// <summary>One rep's quotas.</summary>
/// <param name="Target">The blended target before bounds and rounding (potential and history shares times productive share, scaled to the total).</param>
/// <param name="QuotaToPotential">Annual quota over potential; null without potential.</param>
/// <param name="Remaining">With actuals: the annual quota less what was already sold.</param>
public sealed record RepQuota(
    RepId RepId,
    decimal Annual,
    decimal Target,
    double ProductiveShare,
    double? QuotaToPotential,
    decimal? Remaining,
    IReadOnlyList<PeriodAmount> Quarters,
    IReadOnlyList<PeriodAmount> Months,
    IReadOnlyList<PeriodAmount> Weeks);

public sealed record PeriodAmount(string Period, decimal Amount);

/// <summary>Diagnostic codes of quota plans.</summary>
public static class QuotaDiagnosticCodes
{
    public const string OutsideGrowthBounds = "outside-growth-bounds";
    public const string QuotaAbovePotential = "quota-far-above-potential";
    public const string QuotaBelowPotential = "quota-far-below-potential";
    public const string AlreadyAboveTarget = "already-above-target";
    public const string FarBehindTarget = "far-behind-target";
    public const string NotEmployed = "not-employed";
}
