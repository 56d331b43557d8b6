namespace Territories.Domain.Quotas;

/// <summary>
/// How much of each month and week a rep sells: nothing before its start date or after its end date, the employed share
/// of a period's working days, and in its k-th month after starting (k = 0 the month it starts in) the ramp factor ramp[k].
/// </summary>
public sealed class ProductiveTime(PlanningYear year, WorkingTime time, IReadOnlyList<double> ramp)
{
    /// <summary>The rep's productivity in each month of the year, in [0, 1].</summary>
    public double[] Months(QuotaRep rep) =>
        year.Months.Select((month, m) => EmployedShare(month, rep) * RampFactor(rep, m)).ToArray();

    /// <summary>The rep's working days inside its employment, per week of the given month.</summary>
    public double[] Weeks(QuotaRep rep, Period month) =>
        year.WeeksOf(month).Select(week => (double)EmployedWorkingDays(week, rep)).ToArray();

    /// <summary>True when the rep works the whole year (no start or end date inside it).</summary>
    public bool IsFullYear(QuotaRep rep) =>
        (rep.StartDate is not { } start || start <= year.Start) && (rep.EndDate is not { } end || end >= year.End);

    public int EmployedWorkingDays(Period period, QuotaRep rep)
    {
        var from = rep.StartDate is { } start && start > period.Start ? start : period.Start;
        var to = rep.EndDate is { } end && end < period.End ? end : period.End;
        return from > to ? 0 : time.Count(from, to);
    }

    private double EmployedShare(Period period, QuotaRep rep)
    {
        if (period.WorkingDays > 0) return (double)EmployedWorkingDays(period, rep) / period.WorkingDays;
        // A period with no working day at all: employed if the employment covers any of it.
        var from = rep.StartDate is { } s && s > period.Start ? s : period.Start;
        var to = rep.EndDate is { } e && e < period.End ? e : period.End;
        return from <= to ? (double)(to.DayNumber - from.DayNumber + 1) / period.Days : 0;
    }

    private double RampFactor(QuotaRep rep, int monthIndex)
    {
        if (rep.StartDate is not { } start) return 1;
        var k = MonthsSinceStart(start, monthIndex);
        return k < 0 ? 0 : k < ramp.Count ? ramp[k] : 1;
    }

    /// <summary>Month index relative to the month the rep started in; calendar months count before the year.</summary>
    private int MonthsSinceStart(DateOnly start, int monthIndex)
    {
        var startMonth = year.MonthIndex(m => m.Contains(start));
        if (startMonth >= 0) return monthIndex - startMonth;
        if (start > year.End) return -1;
        var before = (year.Start.Year - start.Year) * 12 + year.Start.Month - start.Month;
        return monthIndex + Math.Max(1, before);
    }
}
