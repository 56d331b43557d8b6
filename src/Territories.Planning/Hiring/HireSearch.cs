using Google.OrTools.LinearSolver;
using Territories.Domain.Hiring;

namespace Territories.Planning.Hiring;

/// <summary>
/// Hire counts found without branching, on the hiring model's LP with every hire count fixed (GLOP, re-solved warm):
/// a greedy that fills each quarter in turn with the hire that lowers the uncovered hours most, and a polish that adds
/// any single hire a quarter still has room for while it lowers them (only hires that could serve an uncovered row are tried). The greedy's plan is the MIP's first incumbent;
/// the polish guarantees, even when a time limit stops the MIP, that no one more hire would cover more demand.
/// </summary>
internal sealed class HireSearch : IDisposable
{
    /// <summary>Less than this many hours covered by one more hire is not worth a hire (the plan reports hours to 0.01).</summary>
    public const double Worthwhile = 0.01;

    private readonly HiringRequest _request;
    private readonly HiringModel _lp;
    private readonly HiringModel _mip;

    public HireSearch(HiringRequest request, HiringModel scip)
    {
        _request = request;
        _mip = scip;
        _lp = new HiringModel(request, scip.Hours, scip.Profiles, scip.CostOfHire, "GLOP");
        var objective = _lp.Solver.Objective();
        foreach (var shortfall in _lp.Shortfalls) objective.SetCoefficient(shortfall, 1);
        objective.SetMinimization();
    }

    public void Dispose() => _lp.Dispose();

    /// <summary>The demand rows left uncovered with exactly these hires, the flows solved exactly (at least 0.005 h each).</summary>
    public IReadOnlyList<(HiringDemand Demand, double Hours)> UncoveredRows(int[,] counts)
    {
        Uncovered(counts);
        return _lp.Uncovered().ToList();
    }

    /// <summary>Least uncovered hours with exactly these hires.</summary>
    public double Uncovered(int[,] counts)
    {
        foreach (var (p, t, hires) in _lp.Hires) hires.SetBounds(counts[p, t], counts[p, t]);
        var status = _lp.Solver.Solve();
        return status == Solver.ResultStatus.OPTIMAL ? _lp.Solver.Objective().Value() : double.PositiveInfinity;
    }

    /// <summary>
    /// Quarter by quarter from the first a hire may start, the best single hire while one helps and the cap allows; when
    /// <paramref name="stop"/> says so, the quarters not reached yet get no hires (the MIP and the polish take it from there).
    /// </summary>
    public int[,] Greedy(Func<bool> stop)
    {
        var counts = new int[_lp.Profiles.Count, _request.Quarters];
        var uncovered = Uncovered(counts);
        for (var t = _request.LeadTimeQuarters; t < _request.Quarters; t++)
            while (!stop() && BestAddition(counts, uncovered, t) is { } best)
            {
                counts[best.Profile, t]++;
                uncovered = best.Uncovered;
            }
        return counts;
    }

    /// <summary>
    /// Sweeps every quarter and profile, keeping each single added hire that lowers the uncovered hours, until a whole
    /// sweep adds none: then no one more hire would cover more demand. True when any was added.
    /// </summary>
    public bool Polish(int[,] counts)
    {
        var uncovered = Uncovered(counts);
        var added = false;
        for (var again = true; again;)
        {
            again = false;
            for (var t = _request.LeadTimeQuarters; t < _request.Quarters; t++)
                for (var p = 0; p < _lp.Profiles.Count; p++)
                    while (TryAdd(counts, p, t, ref uncovered)) again = added = true;
        }
        return added;
    }

    private bool TryAdd(int[,] counts, int p, int t, ref double uncovered)
    {
        if (!HasRoom(counts, p, t) || !CouldServe(p, t)) return false;
        counts[p, t]++;
        var after = Uncovered(counts);
        if (after <= uncovered - Worthwhile)
        {
            uncovered = after;
            return true;
        }
        counts[p, t]--;
        Uncovered(counts);
        return false;
    }

    /// <summary>A hire of profile p starting in quarter t could serve a demand row the last evaluation left uncovered.</summary>
    private bool CouldServe(int p, int t)
    {
        var profile = _lp.Profiles[p];
        return _lp.Uncovered().Any(r =>
        {
            var u = r.Demand.Quarter.Minus(_request.Start);
            return u >= t && _lp.Coverage.Covers(profile.Region, r.Demand.Region) && profile.Skills.Contains(r.Demand.Skill) && _lp.Hours.Hire(u - t) > 0;
        });
    }

    private bool HasRoom(int[,] counts, int p, int t) =>
        counts[p, t] < _mip.MostHires(p, t)
        && (_request.MaxHiresPerQuarter is not { } cap || Enumerable.Range(0, _lp.Profiles.Count).Sum(q => counts[q, t]) < cap);

    /// <summary>The single hire starting in quarter t that lowers the uncovered hours most, if one does.</summary>
    private (int Profile, double Uncovered)? BestAddition(int[,] counts, double uncovered, int t)
    {
        Uncovered(counts);
        var candidates = Enumerable.Range(0, _lp.Profiles.Count).Where(p => HasRoom(counts, p, t) && CouldServe(p, t)).ToList();
        (int, double)? best = null;
        foreach (var p in candidates)
        {
            counts[p, t]++;
            var after = Uncovered(counts);
            counts[p, t]--;
            if (after <= uncovered - Worthwhile && (best is null || after < best.Value.Item2 - 1e-9)) best = (p, after);
        }
        return best;
    }
}
