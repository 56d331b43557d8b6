using Google.OrTools.LinearSolver;
using Territories.Domain.Hiring;

namespace Territories.Planning.Hiring;

/// <summary>
/// Hire counts found without branching, on the hiring model's LP with every hire count fixed (GLOP, re-solved warm):
/// a greedy that fills each quarter in turn with the hire that lowers the uncovered hours most, and a polish that adds
/// any single hire a quarter still has room for while it lowers them. The greedy's plan is the MIP's first incumbent;
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

    /// <summary>Quarter by quarter from the first a hire may start, the best single hire while one helps and the cap allows.</summary>
    public int[,] Greedy()
    {
        var counts = new int[_lp.Profiles.Count, _request.Quarters];
        var uncovered = Uncovered(counts);
        for (var t = _request.LeadTimeQuarters; t < _request.Quarters; t++)
            while (BestAddition(counts, uncovered, t, t) is { } best)
            {
                counts[best.Profile, best.Quarter]++;
                uncovered = best.Uncovered;
            }
        return counts;
    }

    /// <summary>Adds single hires, best first, in any quarter with room, while one lowers the uncovered hours; true when any was added.</summary>
    public bool Polish(int[,] counts)
    {
        var uncovered = Uncovered(counts);
        var added = false;
        while (BestAddition(counts, uncovered, _request.LeadTimeQuarters, _request.Quarters - 1) is { } best)
        {
            counts[best.Profile, best.Quarter]++;
            uncovered = best.Uncovered;
            added = true;
        }
        return added;
    }

    private bool HasRoom(int[,] counts, int p, int t, (int Profile, int Quarter) leaving)
    {
        if (counts[p, t] >= _mip.MostHires(p, t)) return false;
        if (_request.MaxHiresPerQuarter is not { } cap || leaving.Quarter == t) return true;
        return Enumerable.Range(0, _lp.Profiles.Count).Sum(q => counts[q, t]) < cap;
    }

    private (int Profile, int Quarter, double Uncovered)? BestAddition(int[,] counts, double uncovered, int from, int to)
    {
        (int, int, double)? best = null;
        for (var t = from; t <= to; t++)
        {
            for (var p = 0; p < _lp.Profiles.Count; p++)
            {
                if (!HasRoom(counts, p, t, leaving: (-1, -1))) continue;
                counts[p, t]++;
                var after = Uncovered(counts);
                counts[p, t]--;
                if (after <= uncovered - Worthwhile && (best is null || after < best.Value.Item3 - 1e-9)) best = (p, t, after);
            }
        }
        return best;
    }
}
