using Territories.Domain.Organisation;
using Territories.Domain.Plans;
using Territories.Domain.Quotas;

namespace Territories.Planning.Quotas;

/// <summary>
/// Splits an annual goal into rep quotas per quarter, month and week (contract section 5): blended targets from potential
/// and history times each rep's productive share of the year, bounded by growth over last year (a linear program), then
/// spread over months by seasonality and productive time, over weeks by working days, and rounded exactly at every level.
/// </summary>
public static class QuotaPlanner
{
    /// <summary>A rep whose quota-to-potential ratio is this many times the team's (or this fraction of it) is flagged.</summary>
    public const double FairnessFactor = 1.5;

    /// <summary>A rep who must sell this many times its original plan in the open months is flagged as far behind.</summary>
    public const double FarBehindFactor = 1.5;

    public static QuotaPlan Plan(QuotaRequest request)
    {
        var year = PlanningYear.Build(request.YearStart, request.Calendar, request.WeekStart, request.WorkingTime);
        var productive = new ProductiveTime(year, request.WorkingTime, request.Ramp);
        var weights = request.Seasonality.Monthly;
        var monthly = request.Reps.Select(productive.Months).ToArray();
        var shares = monthly.Select(p => p.Zip(weights, (x, w) => x * w).Sum() / weights.Sum()).ToArray();
        var total = AnnualSplit.Cents(request.Goal * (1 + (decimal)request.Method.OverAssignment));
        var diagnostics = new List<Diagnostic>();

        var lower = request.Reps.Select(r => Bound(r, productive, request.Method.MinGrowth)).ToArray();
        var upper = request.Reps.Select(r => Bound(r, productive, request.Method.MaxGrowth)).ToArray();
        var split = new AnnualSplit(request, Blend(request, shares), lower, upper, shares.Select(s => s > 0).ToArray());
        var tree = OrgTree.Of(request.OrgUnits);
        decimal[] assigned = [];
        var annual = tree.Count == 0 ? split.Flat(total) : split.TopDown(tree, total, out assigned);
        diagnostics.AddRange(BoundDiagnostics(request, split.BoundViolation));
        var targets = split.Targets;

        var actuals = new ActualsView(request, year);
        var reps = request.Reps.Select((rep, i) =>
        {
            var spread = new QuotaSpread(year, productive, weights, request.Rounding);
            var months = actuals.Any
                ? spread.RespreadMonths(rep, monthly[i], annual[i], actuals, diagnostics)
                : spread.Months(annual[i], monthly[i]);
            var quarters = year.Quarters.Select(q => new PeriodAmount(q.Id, months.Where(m => m.Quarter == q.Id).Sum(m => m.Amount))).ToList();
            var weeks = months.SelectMany(m => spread.Weeks(rep, m.Period, m.Amount)).ToList();
            return new RepQuota(rep.Id, annual[i], Math.Round((decimal)targets[i], 2), shares[i],
                rep.Potential > 0 ? (double)(annual[i] / rep.Potential) : null,
                actuals.Any ? annual[i] - actuals.SoldBy(rep.Id) : null,
                quarters, months.Select(m => new PeriodAmount(m.Period.Id, m.Amount)).ToList(), weeks);
        }).ToList();
        diagnostics.AddRange(Fairness(request, reps, shares, total));
        diagnostics.AddRange(request.Reps.Where((_, i) => shares[i] == 0).Select(r => new Diagnostic(QuotaDiagnosticCodes.NotEmployed,
            $"rep {r.Id} works no day of the year (start or end date); its quota is 0", RepIds: [r.Id])));
        return new QuotaPlan(request.Goal, annual.Sum(), request.Currency, year.All.Select(PeriodView.Of).ToList(), reps, diagnostics)
        {
            OrgUnits = tree.Count == 0 ? [] : OrgQuotas.Of(tree, request, reps, assigned, year),
        };
    }

    /// <summary>potentialWeight x share of potential + historyWeight x share of last year, times the productive share.</summary>
    private static double[] Blend(QuotaRequest request, double[] productiveShares)
    {
        var potential = request.Reps.Sum(r => (double)r.Potential);
        var history = request.Reps.Sum(r => (double)(r.LastYear ?? 0));
        var blend = request.Reps.Select((r, i) => productiveShares[i] *
            (request.Method.PotentialWeight * (potential > 0 ? (double)r.Potential / potential : 0)
             + request.Method.HistoryWeight * (history > 0 ? (double)(r.LastYear ?? 0) / history : 0))).ToArray();
        // With no potential and no history at all, productive time alone decides.
        return blend.Sum() > 0 ? blend : productiveShares;
    }

    /// <summary>lastYear * (1 + growth) for a full-year rep with a last year; null otherwise.</summary>
    private static double? Bound(QuotaRep rep, ProductiveTime productive, double? growth) =>
        growth is { } g && rep.LastYear is { } last && productive.IsFullYear(rep) ? (double)last * (1 + g) : null;

    private static IEnumerable<Diagnostic> BoundDiagnostics(QuotaRequest request, IReadOnlyList<double> boundViolation)
    {
        for (var i = 0; i < request.Reps.Count; i++)
        {
            var off = Math.Round(boundViolation[i], 2);
            if (Math.Abs(off) < 0.005) continue;
            var rep = request.Reps[i];
            var side = off > 0 ? "above its maximum" : "below its minimum";
            yield return new Diagnostic(QuotaDiagnosticCodes.OutsideGrowthBounds,
                $"rep {rep.Id}'s quota is {UserText.Number(Math.Abs(off))} {side} growth over last year ({UserText.Number((double)(rep.LastYear ?? 0))}): the growth bounds and the total cannot all hold",
                RepIds: [rep.Id]);
        }
    }

    /// <summary>
    /// Gap analysis: each rep's quota against the potential it can work in its productive time, compared with the team's
    /// ratio; a rep far above cannot carry its quota, one far below has it too easy.
    /// </summary>
    private static IEnumerable<Diagnostic> Fairness(QuotaRequest request, List<RepQuota> reps, double[] shares, decimal total)
    {
        var workable = request.Reps.Select((r, i) => (double)r.Potential * shares[i]).ToArray();
        if (workable.Sum() <= 0) yield break;
        var team = (double)total / workable.Sum();
        for (var i = 0; i < reps.Count; i++)
        {
            var rep = reps[i];
            if (workable[i] <= 0 || rep.Annual <= 0) continue;
            var ratio = (double)rep.Annual / workable[i];
            if (ratio > FairnessFactor * team)
                yield return new Diagnostic(QuotaDiagnosticCodes.QuotaAbovePotential,
                    $"rep {rep.RepId}'s quota is {UserText.Percent(ratio)} of the potential it can work this year against the team's {UserText.Percent(team)}: hard for its territory to carry",
                    RepIds: [rep.RepId]);
            else if (ratio < team / FairnessFactor)
                yield return new Diagnostic(QuotaDiagnosticCodes.QuotaBelowPotential,
                    $"rep {rep.RepId}'s quota is {UserText.Percent(ratio)} of the potential it can work this year against the team's {UserText.Percent(team)}: likely too easy",
                    RepIds: [rep.RepId]);
        }
    }
}
