using Territories.Domain.Model;

namespace Territories.Domain.Hiring;

/// <summary>
/// Derives a hiring request from a book of business, so HR sizes the team from the same data the planners use: each
/// account's workload, grown by <c>annualGrowth</c> a year, becomes quarterly demand in the region of its current rep
/// (or its nearest rep) for the scarcest skill it needs ("general" when it needs none); every rep covers "general" work.
/// </summary>
public static class BookDemand
{
    public const string General = "general";

    public static HiringRequest Request(TerritoryProblem book, Quarter start, int quarters, double annualGrowth) =>
        new(start, quarters,
            book.Reps.Select(r => new HiringRep(r.Id, r.Skills.Append(General).ToHashSet(), r.Region ?? General, r.Capacity, null)).ToList(),
            Median(book.Reps.Select(r => r.Capacity)), Demand(book, start, quarters, annualGrowth),
            TargetUtilization: 0.85, AttritionPerYear: 0.12, Ramp: [0.3, 0.6, 0.9], LeadTimeQuarters: 1, MaxHiresPerQuarter: 6,
            HireCost: 20_000m, RepCostPerYear: 140_000m,
            WhatIfs: [new WhatIf("at most 2 hires a quarter", 2, null, null), new WhatIf("target utilisation 0.8", null, 0.8, null),
                      new WhatIf("attrition 20% a year", null, null, 0.2)]);

    private static List<HiringDemand> Demand(TerritoryProblem book, Quarter start, int quarters, double annualGrowth)
    {
        var holders = book.Reps.SelectMany(r => r.Skills).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var hours = new Dictionary<(string Skill, string Region), double>();
        for (var a = 0; a < book.Accounts.Count; a++)
        {
            var account = book.Accounts[a];
            var skill = account.RequiredSkills.OrderBy(s => holders.GetValueOrDefault(s)).ThenBy(s => s, StringComparer.Ordinal).FirstOrDefault() ?? General;
            var key = (skill, RegionOf(book, a));
            hours[key] = hours.GetValueOrDefault(key) + (account.Workload ?? 0);
        }
        return hours.OrderBy(h => h.Key.Region, StringComparer.Ordinal).ThenBy(h => h.Key.Skill, StringComparer.Ordinal)
            .SelectMany(h => Enumerable.Range(0, quarters).Select(t =>
                new HiringDemand(h.Key.Skill, h.Key.Region, start.Plus(t), Math.Round(h.Value / 4 * Math.Pow(1 + annualGrowth, t / 4.0), 1))))
            .ToList();
    }

    private static string RegionOf(TerritoryProblem book, int account)
    {
        var current = book.CurrentRepIndexOf(account);
        if (current < 0 && book.HasGeography)
            current = Enumerable.Range(0, book.Reps.Count).MinBy(r => book.DistanceKm(account, r));
        return current >= 0 ? book.Reps[current].Region ?? General : General;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
