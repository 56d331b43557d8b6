using Territories.Domain.Organisation;
using Territories.Domain.Quotas;

namespace Territories.Planning.Quotas;

/// <summary>The quota plan per org unit: the top-down amount and the bottom-up sums of the reps below (year, quarters, months).</summary>
internal static class OrgQuotas
{
    public static IReadOnlyList<OrgQuota> Of(OrgTree tree, QuotaRequest request, IReadOnlyList<RepQuota> reps, decimal[] assigned, PlanningYear year)
    {
        var repUnits = request.Reps.Select(r => tree.IndexOf(r.OrgUnitId!)).ToArray();
        // One vector per rep: the year, then its quarters and months in the year's order (amounts are listed in that order).
        var sums = tree.RollUp(repUnits, r => new[] { reps[r].Annual }.Concat(reps[r].Quarters.Select(q => q.Amount)).Concat(reps[r].Months.Select(m => m.Amount)).ToArray(),
            (x, y) => x.Zip(y, (a, b) => a + b).ToArray(), new decimal[1 + year.Quarters.Count + year.Months.Count]);
        return tree.TopDown().Select(u =>
        {
            var unit = tree.Units[u];
            var s = sums[u];
            return new OrgQuota(unit.Id, unit.Name, unit.ParentId, tree.DepthOf(u), assigned[u], s[0],
                year.Quarters.Select((q, i) => new PeriodAmount(q.Id, s[1 + i])).ToList(),
                year.Months.Select((m, i) => new PeriodAmount(m.Id, s[1 + year.Quarters.Count + i])).ToList());
        }).ToList();
    }
}
