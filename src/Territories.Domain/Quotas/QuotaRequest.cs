using Territories.Domain.Model;
using Territories.Domain.Organisation;

namespace Territories.Domain.Quotas;

/// <summary>A request to split an annual goal into rep quotas per quarter, month and week (contract section 5).</summary>
/// <param name="Goal">The annual goal, in the currency's major unit; never negative.</param>
/// <param name="Ramp">Productivity of a new rep in its k-th month after its start (k = 0 the month it starts); 1 after the ramp.</param>
/// <param name="Rounding">Every amount is a multiple of this where its whole allows; positive.</param>
public sealed record QuotaRequest(
    decimal Goal,
    string Currency,
    DateOnly YearStart,
    CalendarKind Calendar,
    DayOfWeek WeekStart,
    WorkingTime WorkingTime,
    Seasonality Seasonality,
    IReadOnlyList<QuotaRep> Reps,
    QuotaMethod Method,
    IReadOnlyList<double> Ramp,
    decimal Rounding,
    IReadOnlyList<Actual> Actuals)
{
    /// <summary>The sales organisation the goal is split through, top-down (contract section 8); empty for a flat team.</summary>
    public IReadOnlyList<OrgUnit> OrgUnits { get; init; } = [];
}

/// <summary>One rep of a quota request.</summary>
/// <param name="Potential">What the rep's territory could sell in a year.</param>
/// <param name="LastYear">What the rep sold last year; null when unknown (its history share is then 0).</param>
/// <param name="StartDate">The first day the rep works; null means before the year.</param>
/// <param name="EndDate">The last day the rep works; null means after the year.</param>
public sealed record QuotaRep(RepId Id, decimal Potential, decimal? LastYear, DateOnly? StartDate, DateOnly? EndDate)
{
    /// <summary>The leaf org unit of the rep; required when the request gives orgUnits.</summary>
    public string? OrgUnitId { get; init; }
}

/// <summary>How targets are blended and bounded.</summary>
/// <param name="PotentialWeight">Weight of the rep's share of total potential.</param>
/// <param name="HistoryWeight">Weight of the rep's share of total last-year sales.</param>
/// <param name="MinGrowth">A full-year rep with a last year gets at least lastYear * (1 + MinGrowth).</param>
/// <param name="MaxGrowth">… and at most lastYear * (1 + MaxGrowth); null for no upper bound.</param>
/// <param name="OverAssignment">Rep quotas add up to goal * (1 + OverAssignment).</param>
public sealed record QuotaMethod(double PotentialWeight, double HistoryWeight, double? MinGrowth, double? MaxGrowth, double OverAssignment)
{
    /// <summary>
    /// With orgUnits: entry k is the over-assignment a unit at level k adds when it splits its amount among the units or
    /// reps below it (missing entries are 0); <see cref="OverAssignment"/> stays the company's, on the goal.
    /// </summary>
    public IReadOnlyList<double> OverAssignmentByLevel { get; init; } = [];

    /// <summary>The over-assignment a unit at <paramref name="level"/> adds to what it hands down.</summary>
    public double OverAssignmentAt(int level) => level < OverAssignmentByLevel.Count ? OverAssignmentByLevel[level] : 0;

    public static QuotaMethod Default { get; } = new(0.6, 0.4, null, null, 0);
}

/// <summary>Monthly seasonality weights for the twelve months of the year, in order; positive.</summary>
public sealed record Seasonality(IReadOnlyList<double> Monthly)
{
    public static Seasonality Flat { get; } = new(Enumerable.Repeat(1.0, 12).ToList());

    /// <summary>Weights from history: a month's weight is its average share of its year's total over the years given.</summary>
    public static Seasonality FromHistory(IEnumerable<(int Year, int Month, decimal Amount)> history)
    {
        var byYear = history.GroupBy(h => h.Year).ToList();
        var sums = new double[12];
        var counts = new int[12];
        foreach (var year in byYear)
        {
            var total = year.Sum(h => h.Amount);
            if (total <= 0) continue;
            foreach (var h in year)
            {
                sums[h.Month - 1] += (double)(h.Amount / total);
                counts[h.Month - 1]++;
            }
        }
        return new Seasonality(Enumerable.Range(0, 12).Select(m => counts[m] > 0 ? sums[m] / counts[m] : 0).ToList());
    }
}

/// <summary>What a rep sold in a closed month (in-year re-planning).</summary>
public sealed record Actual(RepId RepId, string Period, decimal Amount);
