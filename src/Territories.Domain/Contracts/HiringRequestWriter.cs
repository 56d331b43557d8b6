using Territories.Domain.Hiring;

namespace Territories.Domain.Contracts;

/// <summary>A hiring request as the contract's JSON document (section 6), so <see cref="HiringRequestReader"/> reads it back.</summary>
public static class HiringRequestWriter
{
    public static object Document(HiringRequest request) => new
    {
        start = request.Start.ToString(),
        quarters = request.Quarters,
        reps = request.Reps.Select(r => new { id = r.Id, skills = r.Skills.Order(StringComparer.Ordinal), region = r.Region, capacity = r.Capacity, endDate = r.EndDate }),
        hireCapacity = request.HireCapacity,
        demand = request.Demand.Select(d => new { skill = d.Skill, region = d.Region, quarter = d.Quarter.ToString(), workload = d.Workload }),
        targetUtilization = request.TargetUtilization,
        attritionPerYear = request.AttritionPerYear,
        ramp = request.Ramp,
        leadTimeQuarters = request.LeadTimeQuarters,
        maxHiresPerQuarter = request.MaxHiresPerQuarter,
        hireCost = request.HireCost,
        repCostPerYear = request.RepCostPerYear,
        timeLimitSeconds = request.TimeLimitSeconds,
        whatIfs = request.WhatIfs.Select(w => new { name = w.Name, maxHiresPerQuarter = w.MaxHiresPerQuarter, targetUtilization = w.TargetUtilization, attritionPerYear = w.AttritionPerYear }),
    };
}
