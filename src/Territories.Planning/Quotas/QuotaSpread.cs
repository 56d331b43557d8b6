using Territories.Domain.Plans;
using Territories.Domain.Quotas;

namespace Territories.Planning.Quotas;

/// <summary>A month's amount in a rep's plan.</summary>
internal sealed record MonthAmount(Period Period, decimal Amount)
{
    public string Quarter => Period.Quarter;
}

/// <summary>
/// Spreads a rep's annual quota over time, exactly: the year over quarters and each quarter over its months by
/// seasonality times productive time, each month over its weeks by the rep's working days in them.
/// </summary>
internal sealed class QuotaSpread(PlanningYear year, ProductiveTime productive, IReadOnlyList<double> seasonality, decimal rounding)
{
    public List<MonthAmount> Months(decimal annual, double[] productiveMonths)
    {
        var weight = productiveMonths.Select((p, m) => p * seasonality[m]).ToArray();
        var quarterWeights = year.Quarters.Select(q => MonthIndices(q).Sum(m => weight[m])).ToList();
        var quarters = Split(annual, quarterWeights);
        return year.Quarters.SelectMany((q, qi) =>
        {
            var indices = MonthIndices(q).ToList();
            var amounts = Split(quarters[qi], indices.Select(m => weight[m]).ToList());
            return indices.Select((m, k) => new MonthAmount(year.Months[m], amounts[k]));
        }).ToList();
    }

    /// <summary>
    /// In-year re-planning: closed months (up to the last month with actuals) show what was sold; what is left of the
    /// annual quota is spread over the open months by the same weights.
    /// </summary>
    public List<MonthAmount> RespreadMonths(QuotaRep rep, double[] productiveMonths, decimal annual, ActualsView actuals, List<Diagnostic> diagnostics)
    {
        var original = Months(annual, productiveMonths);
        var open = Enumerable.Range(0, year.Months.Count).Where(m => m > actuals.LastClosedMonth).ToList();
        var sold = actuals.SoldBy(rep.Id);
        var remaining = annual - sold;
        var planned = open.Sum(m => original[m].Amount);
        var weights = open.Select(m => productiveMonths[m] * seasonality[m]).ToList();
        if (weights.Sum() <= 0) weights = open.Select(_ => 1.0).ToList();
        var spread = remaining > 0 && open.Count > 0 ? Split(remaining, weights) : new decimal[open.Count];
        if (RespreadDiagnostic.Of(rep.Id, sold, remaining, planned) is { } diagnostic) diagnostics.Add(diagnostic);
        return year.Months.Select((month, m) => m <= actuals.LastClosedMonth
            ? new MonthAmount(month, actuals.SoldIn(rep.Id, month.Id))
            : new MonthAmount(month, spread[open.IndexOf(m)])).ToList();
    }

    public IEnumerable<PeriodAmount> Weeks(QuotaRep rep, Period month, decimal amount)
    {
        var weeks = year.WeeksOf(month).ToList();
        var weights = productive.Weeks(rep, month).ToList();
        if (weights.Sum() <= 0) weights = weeks.Select(w => (double)w.Days).ToList();
        var amounts = Split(amount, weights);
        return weeks.Select((w, i) => new PeriodAmount(w.Id, amounts[i]));
    }

    private IEnumerable<int> MonthIndices(Period quarter) =>
        Enumerable.Range(0, year.Months.Count).Where(m => year.Months[m].Quarter == quarter.Id);

    private decimal[] Split(decimal whole, IReadOnlyList<double> weights) =>
        whole == 0 || weights.Sum() <= 0 ? new decimal[weights.Count] : LargestRemainder.Split(whole, weights, rounding);
}

/// <summary>The actuals of a request: which months are closed and what each rep sold.</summary>
internal sealed class ActualsView(QuotaRequest request, PlanningYear year)
{
    private readonly ILookup<string, Actual> _byRep = request.Actuals.ToLookup(a => a.RepId.Value);

    public bool Any => request.Actuals.Count > 0;

    /// <summary>The index of the last month any actual names; -1 without actuals.</summary>
    public int LastClosedMonth { get; } = request.Actuals.Count == 0 ? -1
        : request.Actuals.Max(a => year.MonthIndex(m => m.Id == a.Period));

    public decimal SoldBy(Domain.Model.RepId rep) => _byRep[rep.Value].Sum(a => a.Amount);

    public decimal SoldIn(Domain.Model.RepId rep, string month) => _byRep[rep.Value].Where(a => a.Period == month).Sum(a => a.Amount);
}
