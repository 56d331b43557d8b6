using Google.OrTools.LinearSolver;
using Territories.Domain.Hiring;
using Territories.Domain.Plans;

namespace Territories.Planning.Hiring;

/// <summary>
/// Sizes the sales force (contract section 6) as a mixed-integer program: integer hires per quarter and profile, each
/// rep's and hire's quarterly hours split as a flow across the skills they hold in their region, ramp-up, expected
/// attrition, lead time and the hiring cap. It minimises hiring plus rep cost; uncovered demand is priced far above any
/// hire, so what stays uncovered is what no plan can cover, and each shortfall says why.
/// </summary>
public static class HiringPlanner
{
    public static HiringPlan Plan(HiringRequest request)
    {
        var plan = Solve(request);
        var whatIfs = request.WhatIfs.Select(w => Summary(w.Name, Solve(request.With(w)))).ToList();
        return plan with { WhatIfs = whatIfs };
    }

    private static WhatIfResult Summary(string name, HiringPlan plan) => new(name, plan.Cost, plan.Hires.Sum(h => h.Count),
        plan.Shortfalls.Sum(s => s.Hours), plan.Quarters.Select(q => q.Coverage).DefaultIfEmpty(1).Min());

    private static HiringPlan Solve(HiringRequest request)
    {
        using var model = new HiringModel(request);
        return model.Plan(model.Solve());
    }
}

/// <summary>The MIP of one hiring request: data, variables, constraints, objective, solve, then the plan read back.</summary>
internal sealed class HiringModel : IDisposable
{
    private readonly HiringRequest _request;
    private readonly HoursModel _hours;
    private readonly List<Profile> _profiles;
    private readonly Solver _solver;
    private readonly Variable[,] _hires;
    private readonly List<(HiringDemand Demand, Variable Short)> _shortfalls = [];
    private readonly decimal[] _costOfHire;

    public HiringModel(HiringRequest request)
    {
        _request = request;
        _hours = new HoursModel(request);
        _profiles = Profile.All(request);
        _solver = Solver.CreateSolver("SCIP") ?? Solver.CreateSolver("CBC") ?? throw new InvalidOperationException("no MIP solver is available");
        var quarters = request.Quarters;
        _costOfHire = Enumerable.Range(0, quarters).Select(t => request.HireCost + request.RepCostPerYear / 4 * (quarters - t)).ToArray();
        _hires = new Variable[_profiles.Count, quarters];
        for (var p = 0; p < _profiles.Count; p++)
            for (var t = 0; t < quarters; t++)
                _hires[p, t] = _solver.MakeIntVar(0, t < request.LeadTimeQuarters ? 0 : double.PositiveInfinity, $"hire_{p}_{t}");
        AddDemandCover();
        AddHiringCap();
        AddObjective();
    }

    /// <summary>Solving stops here and keeps the best plan found (a hiring plan has few integer variables: it rarely takes long).</summary>
    private const long TimeLimitMilliseconds = 60_000;

    public Solver.ResultStatus Solve()
    {
        _solver.SetTimeLimit(TimeLimitMilliseconds);
        return _solver.Solve();
    }

    public void Dispose() => _solver.Dispose();

    /// <summary>For each demand row: reps' and hires' hours routed to it plus the shortfall cover it; a rep's hours are split across its skills.</summary>
    private void AddDemandCover()
    {
        var repRows = new Dictionary<(int Rep, int T), Constraint>();
        var profileRows = new Dictionary<(int Profile, int T), Constraint>();
        foreach (var demand in _request.Demand)
        {
            var t = demand.Quarter.Minus(_request.Start);
            if (t < 0 || t >= _request.Quarters) continue;
            var cover = _solver.MakeConstraint(demand.Workload, double.PositiveInfinity);
            var shortfall = _solver.MakeNumVar(0, double.PositiveInfinity, "");
            cover.SetCoefficient(shortfall, 1);
            _shortfalls.Add((demand, shortfall));
            for (var r = 0; r < _request.Reps.Count; r++)
            {
                var rep = _request.Reps[r];
                if (rep.Region != demand.Region || !rep.Skills.Contains(demand.Skill)) continue;
                if (!repRows.TryGetValue((r, t), out var row))
                    repRows[(r, t)] = row = _solver.MakeConstraint(double.NegativeInfinity, _hours.Rep(rep, t));
                var flow = _solver.MakeNumVar(0, double.PositiveInfinity, "");
                row.SetCoefficient(flow, 1);
                cover.SetCoefficient(flow, 1);
            }
            for (var p = 0; p < _profiles.Count; p++)
            {
                if (_profiles[p].Region != demand.Region || !_profiles[p].Skills.Contains(demand.Skill)) continue;
                if (!profileRows.TryGetValue((p, t), out var row))
                {
                    // Hours routed from this profile in quarter t <= hours of its hires started by then.
                    profileRows[(p, t)] = row = _solver.MakeConstraint(double.NegativeInfinity, 0);
                    for (var start = 0; start <= t; start++) row.SetCoefficient(_hires[p, start], -_hours.Hire(t - start));
                }
                var flow = _solver.MakeNumVar(0, double.PositiveInfinity, "");
                row.SetCoefficient(flow, 1);
                cover.SetCoefficient(flow, 1);
            }
        }
    }

    private void AddHiringCap()
    {
        if (_request.MaxHiresPerQuarter is not { } cap) return;
        for (var t = 0; t < _request.Quarters; t++)
        {
            var row = _solver.MakeConstraint(0, cap);
            for (var p = 0; p < _profiles.Count; p++) row.SetCoefficient(_hires[p, t], 1);
        }
    }

    /// <summary>Hiring and rep cost; one uncovered hour costs ten times the dearest hire, so no hire that could cover demand is skipped.</summary>
    private void AddObjective()
    {
        var objective = _solver.Objective();
        objective.SetMinimization();
        for (var p = 0; p < _profiles.Count; p++)
            for (var t = 0; t < _request.Quarters; t++) objective.SetCoefficient(_hires[p, t], (double)_costOfHire[t]);
        var penalty = 10 * ((double)_costOfHire.DefaultIfEmpty(1).Max() + 1);
        foreach (var (_, shortfall) in _shortfalls) objective.SetCoefficient(shortfall, penalty);
    }

    public HiringPlan Plan(Solver.ResultStatus status)
    {
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
            return new HiringPlan(PlanStatus.Unknown, 0, [], [], [], []);
        var counts = new int[_profiles.Count, _request.Quarters];
        for (var p = 0; p < _profiles.Count; p++)
            for (var t = 0; t < _request.Quarters; t++) counts[p, t] = (int)Math.Round(_hires[p, t].SolutionValue());
        var hires = new List<Hire>();
        var cost = 0m;
        for (var t = 0; t < _request.Quarters; t++)
            for (var p = 0; p < _profiles.Count; p++)
            {
                if (counts[p, t] == 0) continue;
                hires.Add(new Hire(_request.Start.Plus(t).ToString(), _profiles[p].SortedSkills, _profiles[p].Region, counts[p, t]));
                cost += counts[p, t] * _costOfHire[t];
            }
        var quarters = Enumerable.Range(0, _request.Quarters).Select(t => Quarter(t, counts)).ToList();
        var shortfalls = _shortfalls.Where(s => s.Short.SolutionValue() >= 0.005)
            .Select(s => new Shortfall(s.Demand.Quarter.ToString(), s.Demand.Skill, s.Demand.Region, Math.Round(s.Short.SolutionValue(), 2), Reason(s.Demand, counts)))
            .ToList();
        var planStatus = status == Solver.ResultStatus.OPTIMAL ? PlanStatus.Optimal : PlanStatus.Feasible;
        return new HiringPlan(planStatus, cost, hires, quarters, shortfalls, []);
    }

    private QuarterView Quarter(int t, int[,] counts)
    {
        var started = 0;
        var hireHours = 0.0;
        for (var p = 0; p < _profiles.Count; p++)
            for (var start = 0; start <= t; start++)
            {
                started += counts[p, start];
                hireHours += counts[p, start] * _hours.Hire(t - start);
            }
        var capacity = _request.Reps.Sum(r => _hours.Rep(r, t)) + hireHours;
        var quarter = _request.Start.Plus(t);
        var demand = _request.Demand.Where(d => d.Quarter == quarter).Sum(d => d.Workload);
        var headcount = _request.Reps.Count(r => _hours.IsWorking(r, t)) + started;
        return new QuarterView(quarter.ToString(), headcount, Math.Round(capacity, 2), demand, demand > 0 ? Math.Min(1, capacity / demand) : 1);
    }

    private string Reason(HiringDemand demand, int[,] counts)
    {
        var t = demand.Quarter.Minus(_request.Start);
        if (t < _request.LeadTimeQuarters)
            return $"lead time: no hire can start before {_request.Start.Plus(_request.LeadTimeQuarters)}";
        if (Enumerable.Range(0, _request.Quarters).All(k => _hours.Hire(k) <= 0))
            return "no profile can serve it: a hire gives no hours (hireCapacity or targetUtilization is 0)";
        var capped = _request.MaxHiresPerQuarter is { } cap &&
            Enumerable.Range(_request.LeadTimeQuarters, t - _request.LeadTimeQuarters + 1).All(k => Enumerable.Range(0, _profiles.Count).Sum(p => counts[p, k]) >= cap);
        if (capped) return $"hiring cap: at most {_request.MaxHiresPerQuarter} hires may start in each quarter up to {demand.Quarter}";
        return $"ramp-up: hires that can start by {demand.Quarter} are not productive enough yet";
    }
}
