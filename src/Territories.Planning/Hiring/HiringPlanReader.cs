using Territories.Domain.Hiring;
using Territories.Domain.Plans;

namespace Territories.Planning.Hiring;

/// <summary>Reads a solved <see cref="HiringModel"/> back as the contract's hiring plan: hires, quarters, shortfalls and why.</summary>
internal sealed class HiringPlanReader(HiringRequest request, HiringModel model, HireSearch search, StageOutcome outcome)
{
    private readonly int[,] _counts = outcome.Counts;

    public HiringPlan Plan()
    {
        var hires = new List<Hire>();
        var cost = 0m;
        for (var t = 0; t < request.Quarters; t++)
            for (var p = 0; p < model.Profiles.Count; p++)
            {
                if (_counts[p, t] == 0) continue;
                hires.Add(new Hire(request.Start.Plus(t).ToString(), model.Profiles[p].SortedSkills, model.Profiles[p].Region, _counts[p, t]));
                cost += _counts[p, t] * model.CostOfHire[t];
            }
        var quarters = Enumerable.Range(0, request.Quarters).Select(Quarter).ToList();
        var rows = search.UncoveredRows(_counts);
        var unproven = Unproven(rows.Sum(r => r.Hours));
        var shortfalls = rows
            .Select(s => new Shortfall(s.Demand.Quarter.ToString(), s.Demand.Skill, s.Demand.Region, Math.Round(s.Hours, 2), Reason(s.Demand) + unproven))
            .ToList();
        var uncoveredBound = outcome.UncoveredBound is { } bound ? Math.Round(bound, 2) : (double?)null;
        return new HiringPlan(outcome.Proven ? PlanStatus.Optimal : PlanStatus.Feasible, cost, hires, quarters, shortfalls, [],
            uncoveredBound, outcome.Gap, Math.Round(outcome.Seconds, 3));
    }

    /// <summary>When the time limit stopped the first stage above its bound, every reason says by how much the plan may miss.</summary>
    private string Unproven(double uncovered) =>
        outcome.UncoveredBound is { } bound && uncovered > bound + HireSearch.Worthwhile
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"; not proven least: the time limit stopped the search with {uncovered - bound:0.##} h more uncovered than the proven bound")
            : "";

    private QuarterView Quarter(int t)
    {
        var started = 0;
        var hireHours = 0.0;
        for (var p = 0; p < model.Profiles.Count; p++)
            for (var start = 0; start <= t; start++)
            {
                started += _counts[p, start];
                hireHours += _counts[p, start] * model.Hours.Hire(t - start);
            }
        var capacity = request.Reps.Sum(r => model.Hours.Rep(r, t)) + hireHours;
        var quarter = request.Start.Plus(t);
        var demand = request.Demand.Where(d => d.Quarter == quarter).Sum(d => d.Workload);
        var headcount = request.Reps.Count(r => model.Hours.IsWorking(r, t)) + started;
        return new QuarterView(quarter.ToString(), headcount, Math.Round(capacity, 2), demand, demand > 0 ? Math.Min(1, capacity / demand) : 1);
    }

    /// <summary>
    /// Why demand is uncovered: too early for any hire (lead time), hires give no hours, every quarter that could add a
    /// useful hire is full (hiring cap), or the hires that could still start give (almost) no hours by then (ramp-up). No
    /// shortfall is one that one more hire would reduce: <see cref="HireSearch.Polish"/> has added every such hire.
    /// </summary>
    private string Reason(HiringDemand demand)
    {
        var t = demand.Quarter.Minus(request.Start);
        if (t < request.LeadTimeQuarters)
            return $"lead time: no hire can start before {request.Start.Plus(request.LeadTimeQuarters)}";
        if (Enumerable.Range(0, request.Quarters).All(k => model.Hours.Hire(k) <= 0))
            return "no profile can serve it: a hire gives no hours (hireCapacity or targetUtilization is 0)";
        var room = Enumerable.Range(request.LeadTimeQuarters, t - request.LeadTimeQuarters + 1)
            .Any(s => request.MaxHiresPerQuarter is not { } cap || Enumerable.Range(0, model.Profiles.Count).Sum(p => _counts[p, s]) < cap);
        if (!room) return $"hiring cap: at most {request.MaxHiresPerQuarter} hires may start in each quarter up to {demand.Quarter}";
        return $"ramp-up: hires that can still start by {demand.Quarter} give too few hours by then";
    }
}
