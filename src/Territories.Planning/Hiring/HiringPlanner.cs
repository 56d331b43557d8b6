using System.Diagnostics;
using Territories.Domain.Hiring;
using Territories.Domain.Organisation;
using Territories.Domain.Plans;

namespace Territories.Planning.Hiring;

/// <summary>
/// Sizes the sales force (contract section 6): integer hires per quarter and profile, each rep's and hire's quarterly
/// hours split as a flow across the skills they hold in their region, ramp-up, expected attrition, lead time and the
/// hiring cap. Solved lexicographically (<see cref="LexicographicSolve"/>): the least uncovered demand first, then the
/// least cost that keeps it, each proven unless <c>timeLimitSeconds</c> stops it. Each shortfall says why it is there.
/// </summary>
public static class HiringPlanner
{
    /// <summary>Plans the request, then each what-if; the time budget is shared, each solve getting an even share of what is left.</summary>
    /// <param name="onStage">When set, told each stage as it starts ("base plan: least cost"), for progress displays.</param>
    public static HiringPlan Plan(HiringRequest request, Action<string>? onStage = null)
    {
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(request.TimeLimitSeconds);
        var solves = 1 + request.WhatIfs.Count;
        TimeSpan Share(int done) => (budget - clock.Elapsed) / (solves - done);

        var plan = Solve(request, Share(0), stage => onStage?.Invoke($"base plan: {stage}"));
        var whatIfs = new List<WhatIfResult>();
        foreach (var whatIf in request.WhatIfs)
        {
            var outcome = Solve(request.With(whatIf), Share(1 + whatIfs.Count), stage => onStage?.Invoke($"what if {whatIf.Name}: {stage}"));
            whatIfs.Add(new WhatIfResult(whatIf.Name, outcome.Status, outcome.Cost, outcome.Hires.Sum(h => h.Count),
                outcome.Shortfalls.Sum(s => s.Hours), outcome.Quarters.Select(q => q.Coverage).DefaultIfEmpty(1).Min()));
        }
        return plan with { WhatIfs = whatIfs, OrgUnits = OrgRollUp(request, plan) };
    }

    /// <summary>Hires, demand and shortfall per org unit at every level, when the request's regions are org units.</summary>
    private static IReadOnlyList<OrgHiring> OrgRollUp(HiringRequest request, HiringPlan plan)
    {
        var tree = OrgTree.Of(request.OrgUnits);
        if (tree.Count == 0) return [];
        var hires = tree.RollUp(plan.Hires.Select(h => tree.IndexOf(h.Region)).ToList(), i => plan.Hires[i].Count, (x, y) => x + y, 0);
        var demand = tree.RollUp(request.Demand.Select(d => tree.IndexOf(d.Region)).ToList(), i => request.Demand[i].Workload, (x, y) => x + y, 0.0);
        var shortfall = tree.RollUp(plan.Shortfalls.Select(s => tree.IndexOf(s.Region)).ToList(), i => plan.Shortfalls[i].Hours, (x, y) => x + y, 0.0);
        return tree.TopDown().Select(u => new OrgHiring(tree.Units[u].Id, tree.Units[u].Name, tree.Units[u].ParentId, tree.DepthOf(u), hires[u], demand[u], shortfall[u])).ToList();
    }

    private static HiringPlan Solve(HiringRequest request, TimeSpan budget, Action<string> onStage)
    {
        var hours = new HoursModel(request);
        var costOfHire = Enumerable.Range(0, request.Quarters).Select(t => request.HireCost + request.RepCostPerYear / 4 * (request.Quarters - t)).ToList();
        using var model = new HiringModel(request, hours, Profile.All(request), costOfHire);
        using var search = new HireSearch(request, model);
        var outcome = LexicographicSolve.Run(model, search, budget < TimeSpan.Zero ? TimeSpan.Zero : budget, onStage);
        return new HiringPlanReader(request, model, search, outcome).Plan();
    }
}
