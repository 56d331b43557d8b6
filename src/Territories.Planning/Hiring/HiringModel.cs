using Google.OrTools.LinearSolver;
using Territories.Domain.Hiring;

namespace Territories.Planning.Hiring;

/// <summary>
/// The mixed-integer program of one hiring request (SCIP through OR-Tools): integer hires per start quarter and profile,
/// each rep's and hire's quarterly hours routed as a flow to the demand rows of its region (and the units above it) and skills, a shortfall
/// variable per demand row, and the cap on hires starting in a quarter. The objective is set per stage by
/// <see cref="LexicographicSolve"/>: first the uncovered hours, then the cost.
/// </summary>
internal sealed class HiringModel : IDisposable
{
    private readonly HiringRequest _request;
    private readonly Solver _solver;
    private readonly Variable[,] _hires;
    private readonly List<(HiringDemand Demand, Variable Short)> _shortfalls = [];

    /// <param name="solverId">"SCIP" for the plan; "GLOP" for the LP that <see cref="HireSearch"/> evaluates fixed hires with.</param>
    public HiringModel(HiringRequest request, HoursModel hours, IReadOnlyList<Profile> profiles, IReadOnlyList<decimal> costOfHire, string solverId = "SCIP")
    {
        _request = request;
        Hours = hours;
        Profiles = profiles;
        Coverage = new RegionCoverage(request);
        CostOfHire = costOfHire;
        _solver = Solver.CreateSolver(solverId) ?? throw new InvalidOperationException($"the {solverId} solver is not available");
        _hires = new Variable[profiles.Count, request.Quarters];
        for (var p = 0; p < profiles.Count; p++)
            for (var t = 0; t < request.Quarters; t++)
                _hires[p, t] = _solver.MakeIntVar(0, t < request.LeadTimeQuarters ? 0 : MostHiresUseful(profiles[p], t), $"hire_{p}_{t}");
        AddDemandCover();
        AddHiringCap();
    }

    public HoursModel Hours { get; }

    public IReadOnlyList<Profile> Profiles { get; }

    public RegionCoverage Coverage { get; }

    /// <summary>What one hire starting in quarter t costs to the horizon's end.</summary>
    public IReadOnlyList<decimal> CostOfHire { get; }

    public Solver Solver => _solver;

    public IEnumerable<Variable> Shortfalls => _shortfalls.Select(s => s.Short);

    /// <summary>Upper bound of the hires of profile p starting in quarter t (0 before the lead time).</summary>
    public int MostHires(int p, int t) => (int)Math.Min(int.MaxValue, _hires[p, t].Ub());

    public Variable HiresOf(int p, int t) => _hires[p, t];

    public IEnumerable<(int Profile, int Quarter, Variable Hires)> Hires =>
        from p in Enumerable.Range(0, Profiles.Count) from t in Enumerable.Range(0, _request.Quarters) select (p, t, _hires[p, t]);

    public void Dispose() => _solver.Dispose();

    /// <summary>Hires starting in quarter t, per profile, of the last solve.</summary>
    public int[,] Counts()
    {
        var counts = new int[Profiles.Count, _request.Quarters];
        foreach (var (p, t, hires) in Hires) counts[p, t] = (int)Math.Round(hires.SolutionValue());
        return counts;
    }

    /// <summary>The demand rows left uncovered by the last solve (at least 0.005 h).</summary>
    public IEnumerable<(HiringDemand Demand, double Hours)> Uncovered() =>
        _shortfalls.Select(s => (s.Demand, s.Short.SolutionValue())).Where(s => s.Item2 >= 0.005);

    /// <summary>
    /// More hires of a profile starting in quarter t than would carry, alone, all the demand it can serve in every later
    /// quarter are never needed: such a plan costs more and covers no more. The bound keeps the LP relaxation small.
    /// </summary>
    private double MostHiresUseful(Profile profile, int t)
    {
        var most = 0.0;
        for (var u = t; u < _request.Quarters; u++)
        {
            var perHire = Hours.Hire(u - t);
            if (perHire <= 0) continue;
            var quarter = _request.Start.Plus(u);
            var demand = _request.Demand.Where(d => d.Quarter == quarter && Coverage.Covers(profile.Region, d.Region) && profile.Skills.Contains(d.Skill)).Sum(d => d.Workload);
            most = Math.Max(most, Math.Ceiling(demand / perHire));
        }
        return Math.Min(most, _request.MaxHiresPerQuarter ?? double.PositiveInfinity);
    }

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
            var shortfall = _solver.MakeNumVar(0, demand.Workload, "");
            cover.SetCoefficient(shortfall, 1);
            _shortfalls.Add((demand, shortfall));
            for (var r = 0; r < _request.Reps.Count; r++)
            {
                var rep = _request.Reps[r];
                if (!Coverage.Covers(rep.Region, demand.Region) || !rep.Skills.Contains(demand.Skill)) continue;
                if (!repRows.TryGetValue((r, t), out var row))
                    repRows[(r, t)] = row = _solver.MakeConstraint(double.NegativeInfinity, Hours.Rep(rep, t));
                var flow = _solver.MakeNumVar(0, demand.Workload, "");
                row.SetCoefficient(flow, 1);
                cover.SetCoefficient(flow, 1);
            }
            for (var p = 0; p < Profiles.Count; p++)
            {
                if (!Coverage.Covers(Profiles[p].Region, demand.Region) || !Profiles[p].Skills.Contains(demand.Skill)) continue;
                if (!profileRows.TryGetValue((p, t), out var row))
                {
                    // Hours routed from this profile in quarter t <= hours of its hires started by then.
                    profileRows[(p, t)] = row = _solver.MakeConstraint(double.NegativeInfinity, 0);
                    for (var start = 0; start <= t; start++) row.SetCoefficient(_hires[p, start], -Hours.Hire(t - start));
                }
                var flow = _solver.MakeNumVar(0, demand.Workload, "");
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
            for (var p = 0; p < Profiles.Count; p++) row.SetCoefficient(_hires[p, t], 1);
        }
    }
}
