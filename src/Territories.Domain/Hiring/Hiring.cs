using System.Globalization;
using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Domain.Hiring;

/// <summary>A calendar quarter, written <c>2027-Q1</c>.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is not { Length: 7 } || text[4] != '-' || text[5] != 'Q') return false;
        if (!int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || text[6] is < '1' or > '4') return false;
        quarter = new Quarter(year, text[6] - '0');
        return true;
    }

    public Quarter Plus(int quarters)
    {
        var index = Year * 4 + (Number - 1) + quarters;
        return new Quarter(index / 4, index % 4 + 1);
    }

    public int Minus(Quarter other) => (Year * 4 + Number) - (other.Year * 4 + other.Number);

    public DateOnly Start => new(Year, 3 * (Number - 1) + 1, 1);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public override string ToString() => $"{Year}-Q{Number}";
}

/// <summary>An existing rep in a hiring request: hours per year, the skills it covers in its region, and when it leaves.</summary>
public sealed record HiringRep(RepId Id, IReadOnlySet<string> Skills, string Region, double Capacity, DateOnly? EndDate);

/// <summary>Hours of work in one quarter for one skill in one region.</summary>
public sealed record HiringDemand(string Skill, string Region, Quarter Quarter, double Workload);

/// <summary>A variation of the request to compare side by side: only the named settings change.</summary>
public sealed record WhatIf(string Name, int? MaxHiresPerQuarter, double? TargetUtilization, double? AttritionPerYear);

/// <summary>A hiring request (contract section 6).</summary>
/// <param name="MaxHiresPerQuarter">At most this many hires start in any quarter, all profiles together; null for no cap.</param>
/// <param name="TimeLimitSeconds">Wall-clock budget of the whole request (the plan and its what-ifs); the best plan found by then is returned.</param>
public sealed record HiringRequest(
    Quarter Start,
    int Quarters,
    IReadOnlyList<HiringRep> Reps,
    double HireCapacity,
    IReadOnlyList<HiringDemand> Demand,
    double TargetUtilization,
    double AttritionPerYear,
    IReadOnlyList<double> Ramp,
    int LeadTimeQuarters,
    int? MaxHiresPerQuarter,
    decimal HireCost,
    decimal RepCostPerYear,
    IReadOnlyList<WhatIf> WhatIfs,
    double TimeLimitSeconds = HiringRequest.DefaultTimeLimitSeconds)
{
    public const double DefaultTimeLimitSeconds = 30;

    /// <summary>The sales organisation whose unit ids the reps' and demand's regions name (contract section 8); empty when regions are free names.</summary>
    public IReadOnlyList<Organisation.OrgUnit> OrgUnits { get; init; } = [];

    public IEnumerable<Quarter> Horizon => Enumerable.Range(0, Quarters).Select(Start.Plus);

    public HiringRequest With(WhatIf whatIf) => this with
    {
        MaxHiresPerQuarter = whatIf.MaxHiresPerQuarter ?? MaxHiresPerQuarter,
        TargetUtilization = whatIf.TargetUtilization ?? TargetUtilization,
        AttritionPerYear = whatIf.AttritionPerYear ?? AttritionPerYear,
        WhatIfs = [],
    };
}

/// <summary>Hires of one profile starting in one quarter.</summary>
public sealed record Hire(string Quarter, IReadOnlyList<string> Skills, string Region, int Count);

/// <summary>One quarter of the plan.</summary>
/// <param name="Coverage">min(1, capacityHours / demandHours); 1 without demand.</param>
public sealed record QuarterView(string Quarter, int Headcount, double CapacityHours, double DemandHours, double Coverage);

/// <summary>Demand no plan can cover, with the reason.</summary>
public sealed record Shortfall(string Quarter, string Skill, string Region, double Hours, string Reason);

/// <summary>A what-if's outcome beside the base plan.</summary>
public sealed record WhatIfResult(string Name, PlanStatus Status, decimal Cost, int Hires, double ShortfallHours, double MinimumCoverage);

/// <summary>The hiring plan (contract section 6), with how far the search got.</summary>
/// <param name="Status"><c>optimal</c> when both stages are proven: no plan leaves fewer hours uncovered, and none with as few
/// uncovered hours costs less; <c>feasible</c> when the time limit stopped either stage (a greedy plan, polished, is always found).</param>
/// <param name="UncoveredHoursBound">Proven least number of hours any plan must leave uncovered; equals the shortfalls' sum when proven.</param>
/// <param name="Gap">(cost - proven least cost) / max(cost, 1) among plans leaving the reported hours uncovered; 0 when proven.</param>
/// <param name="SolveSeconds">Wall-clock seconds the base plan took.</param>
public sealed record HiringPlan(
    PlanStatus Status,
    decimal Cost,
    IReadOnlyList<Hire> Hires,
    IReadOnlyList<QuarterView> Quarters,
    IReadOnlyList<Shortfall> Shortfalls,
    IReadOnlyList<WhatIfResult> WhatIfs,
    double? UncoveredHoursBound,
    double? Gap,
    double SolveSeconds)
{
    /// <summary>With orgUnits in the request: hires, demand and shortfall per unit at every level (a unit's own region plus the units below it).</summary>
    public IReadOnlyList<OrgHiring> OrgUnits { get; init; } = [];
}

/// <summary>One org unit's share of a hiring plan: sums over its own region and every unit below it.</summary>
public sealed record OrgHiring(string OrgUnitId, string? Name, string? ParentId, int Level, int Hires, double DemandHours, double ShortfallHours);
