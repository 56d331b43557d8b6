using Territories.Domain.Plans;
using Territories.Domain.Quotas;

namespace Territories.Planning.Quotas;

/// <summary>
/// The in-year re-spread (contract section 5's <c>actuals</c>) on top of a quota plan in force, relieved or not: the months
/// up to and including <c>through</c> are closed and show what each rep was credited (weeks too); what is left of the
/// rep's annual quota is spread over the open months in proportion to the plan's own open months (so relief and
/// seasonality keep their shape), each month over its weeks in proportion to the plan's weeks, exactly in the rounding.
/// </summary>
public static class PlanRespread
{
    public static QuotaPlan Apply(QuotaPlan plan, string through, IReadOnlyDictionary<(string RepId, string Period), decimal> sold, decimal rounding)
    {
        var months = plan.Periods.Where(p => p.Kind == "month").ToList();
        var weeks = plan.Periods.Where(p => p.Kind == "week").ToList();
        var closed = months.FindIndex(m => m.Id == through);
        if (closed < 0) throw new ArgumentException($"\"{through}\" is not a month of the plan", nameof(through));
        var diagnostics = plan.Diagnostics.ToList();
        var reps = plan.Reps.Select(rep =>
        {
            decimal Sold(string period) => sold.GetValueOrDefault((rep.RepId.Value, period));
            decimal Planned(IReadOnlyList<PeriodAmount> amounts, string period) => amounts.FirstOrDefault(a => a.Period == period)?.Amount ?? 0;
            var soldTotal = months.Take(closed + 1).Sum(m => Sold(m.Id));
            var remaining = rep.Annual - soldTotal;
            var open = months.Skip(closed + 1).ToList();
            var planned = open.Sum(m => Planned(rep.Months, m.Id));
            if (RespreadDiagnostic.Of(rep.RepId, soldTotal, remaining, planned) is { } diagnostic) diagnostics.Add(diagnostic);
            var spread = Split(Math.Max(0, remaining), open.Select(m => (double)Planned(rep.Months, m.Id)).ToList(), open.Select(m => (double)m.WorkingDays).ToList(), rounding);
            var monthAmounts = months.Select((m, i) => new PeriodAmount(m.Id, i <= closed ? Sold(m.Id) : spread[i - closed - 1])).ToList();
            var weekAmounts = monthAmounts.SelectMany((month, i) =>
            {
                var inMonth = weeks.Where(w => w.Month == month.Period).ToList();
                if (i <= closed) return inMonth.Select(w => new PeriodAmount(w.Id, Sold(w.Id)));
                var split = Split(month.Amount, inMonth.Select(w => (double)Planned(rep.Weeks, w.Id)).ToList(), inMonth.Select(w => (double)w.WorkingDays).ToList(), rounding);
                return inMonth.Select((w, k) => new PeriodAmount(w.Id, split[k]));
            }).ToList();
            var quarters = plan.Periods.Where(p => p.Kind == "quarter")
                .Select(q => new PeriodAmount(q.Id, months.Select((m, i) => (m, i)).Where(x => x.m.Quarter == q.Id).Sum(x => monthAmounts[x.i].Amount))).ToList();
            return rep with { Annual = monthAmounts.Sum(m => m.Amount), Remaining = remaining, Months = monthAmounts, Quarters = quarters, Weeks = weekAmounts };
        }).ToList();
        return plan with { Reps = reps, Total = reps.Sum(r => r.Annual), Diagnostics = diagnostics, OrgUnits = [] };
    }

    /// <summary>Splits exactly by the weights; by the fallback weights when they are all 0 (a rep whose plan had nothing left there).</summary>
    private static decimal[] Split(decimal whole, IReadOnlyList<double> weights, IReadOnlyList<double> fallback, decimal rounding)
    {
        if (weights.Count == 0) return [];
        var use = weights.Sum() > 0 ? weights : fallback.Sum() > 0 ? fallback : weights.Select(_ => 1.0).ToList();
        return whole == 0 ? new decimal[weights.Count] : LargestRemainder.Split(whole, use, rounding);
    }
}

/// <summary>What a re-spread tells a rep: already above its annual quota, or far behind what the plan asked of its open months.</summary>
internal static class RespreadDiagnostic
{
    public static Diagnostic? Of(Domain.Model.RepId rep, decimal sold, decimal remaining, decimal planned)
    {
        if (remaining < 0)
            return new Diagnostic(QuotaDiagnosticCodes.AlreadyAboveTarget,
                $"rep {rep} has sold {UserText.Number((double)sold)}, already {UserText.Number((double)-remaining)} above its annual quota; its open months get no quota",
                RepIds: [rep]);
        if (remaining > 0 && (planned <= 0 || remaining > (decimal)QuotaPlanner.FarBehindFactor * planned))
            return new Diagnostic(QuotaDiagnosticCodes.FarBehindTarget,
                $"rep {rep} must sell {UserText.Number((double)remaining)} in the open months, {(planned > 0 ? UserText.Number((double)(remaining / planned)) + " times" : "more than")} what the original plan asked of them",
                RepIds: [rep]);
        return null;
    }
}
