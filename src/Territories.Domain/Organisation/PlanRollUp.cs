using Territories.Domain.Plans;

namespace Territories.Domain.Organisation;

/// <summary>The plan's figures per org unit at every level, from the reps' summaries: the one place plans roll up.</summary>
public static class PlanRollUp
{
    public static IReadOnlyList<OrgUnitSummary> Of(OrgTree tree, IReadOnlyList<int> repUnits, IReadOnlyList<RepSummary> reps)
    {
        if (tree.Count == 0) return [];
        var totals = tree.RollUp(repUnits, r => Totals.Of(reps[r]), Totals.Add, Totals.Zero);
        return tree.TopDown().Select(u =>
        {
            var t = totals[u];
            var unit = tree.Units[u];
            return new OrgUnitSummary(unit.Id, unit.Name, unit.ParentId, tree.DepthOf(u), t.Reps, t.Accounts, t.Workload, t.Capacity,
                t.Capacity > 0 ? t.Workload / t.Capacity : 0, t.Potential, t.Revenue, t.MovedIn, t.MovedOut);
        }).ToList();
    }

    private readonly record struct Totals(int Reps, int Accounts, double Workload, double Capacity, decimal Potential, decimal Revenue, int MovedIn, int MovedOut)
    {
        public static readonly Totals Zero = default;

        public static Totals Of(RepSummary r) => new(1, r.Accounts, r.Workload, r.Capacity, r.Potential, r.Revenue, r.MovedIn, r.MovedOut);

        public static Totals Add(Totals x, Totals y) => new(x.Reps + y.Reps, x.Accounts + y.Accounts, x.Workload + y.Workload,
            x.Capacity + y.Capacity, x.Potential + y.Potential, x.Revenue + y.Revenue, x.MovedIn + y.MovedIn, x.MovedOut + y.MovedOut);
    }
}
