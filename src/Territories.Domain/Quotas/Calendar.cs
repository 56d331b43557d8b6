namespace Territories.Domain.Quotas;

/// <summary>How the year is cut into quarters and months.</summary>
public enum CalendarKind
{
    /// <summary>Twelve calendar months from the first day of a month.</summary>
    Months,
    /// <summary>Thirteen-week quarters of months of 4, 4 and 5 weeks.</summary>
    FourFourFive,
    /// <summary>Thirteen-week quarters of months of 4, 5 and 4 weeks.</summary>
    FourFiveFour,
    /// <summary>Thirteen-week quarters of months of 5, 4 and 4 weeks.</summary>
    FiveFourFour,
}

/// <summary>The kind of a period.</summary>
public enum PeriodKind { Quarter, Month, Week }

/// <summary>
/// One period of a planning year, with inclusive start and end dates. Ids are stable: <c>2027-Q1</c>, <c>2027-M01</c>,
/// <c>2027-W01</c>, the year being that of the requested start date.
/// </summary>
/// <param name="WorkingDays">Days in the period that are working weekdays and not holidays.</param>
/// <param name="Quarter">The quarter the period lies in (itself for a quarter).</param>
/// <param name="Month">The month the period lies in (null for a quarter, itself for a month).</param>
public sealed record Period(string Id, PeriodKind Kind, DateOnly Start, DateOnly End, int WorkingDays, string Quarter, string? Month)
{
    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= Start && day <= End;
}

/// <summary>Which days are worked: the working weekdays less the holidays.</summary>
public sealed class WorkingTime(IReadOnlySet<DayOfWeek> workingDays, IReadOnlySet<DateOnly> holidays)
{
    public static IReadOnlySet<DayOfWeek> MondayToFridayDays { get; } =
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    public static WorkingTime MondayToFriday { get; } = new(MondayToFridayDays, new HashSet<DateOnly>());

    public bool IsWorking(DateOnly day) => workingDays.Contains(day.DayOfWeek) && !holidays.Contains(day);

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, both inclusive; 0 when the range is empty.</summary>
    public int Count(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
            if (IsWorking(day)) count++;
        return count;
    }
}

/// <summary>
/// A planning year cut into quarters, months and weeks, as contract section 5 defines it. Weeks nest in months in every
/// calendar: in the months calendar a week that crosses a month end (or the year's start or end) is cut there, each part
/// being its own week period.
/// </summary>
public sealed class PlanningYear
{
    private PlanningYear(int label, DateOnly start, DateOnly end, IReadOnlyList<Period> quarters, IReadOnlyList<Period> months, IReadOnlyList<Period> weeks)
    {
        Label = label;
        Start = start;
        End = end;
        Quarters = quarters;
        Months = months;
        Weeks = weeks;
    }

    /// <summary>The year in period ids: that of the requested start date.</summary>
    public int Label { get; }
    public DateOnly Start { get; }
    /// <summary>The last day of the year, inclusive.</summary>
    public DateOnly End { get; }
    public IReadOnlyList<Period> Quarters { get; }
    public IReadOnlyList<Period> Months { get; }
    public IReadOnlyList<Period> Weeks { get; }

    public IEnumerable<Period> All => Quarters.Concat(Months).Concat(Weeks);

    public IEnumerable<Period> MonthsOf(Period quarter) => Months.Where(m => m.Quarter == quarter.Id);

    public IEnumerable<Period> WeeksOf(Period month) => Weeks.Where(w => w.Month == month.Id);

    /// <summary>The index of the first month that matches, or -1.</summary>
    public int MonthIndex(Func<Period, bool> match)
    {
        for (var m = 0; m < Months.Count; m++)
            if (match(Months[m])) return m;
        return -1;
    }

    /// <param name="requestedStart">For <see cref="CalendarKind.Months"/> the first day of a month; for the fiscal calendars the day the year starts nearest to.</param>
    public static PlanningYear Build(DateOnly requestedStart, CalendarKind kind, DayOfWeek weekStart, WorkingTime time)
    {
        if (kind == CalendarKind.Months)
        {
            if (requestedStart.Day != 1) throw new ArgumentException("a months calendar starts on the first day of a month", nameof(requestedStart));
            return BuildMonths(requestedStart, weekStart, time);
        }
        return BuildFiscal(requestedStart, kind, weekStart, time);
    }

    /// <summary>The week-start day nearest to <paramref name="date"/> (at most three days before or after, as ISO 8601 finds week 1).</summary>
    public static DateOnly NearestWeekStart(DateOnly date, DayOfWeek weekStart)
    {
        var offset = ((int)date.DayOfWeek - (int)weekStart + 7) % 7; // days since the last week start
        return offset <= 3 ? date.AddDays(-offset) : date.AddDays(7 - offset);
    }

    private static PlanningYear BuildMonths(DateOnly start, DayOfWeek weekStart, WorkingTime time)
    {
        var label = start.Year;
        var end = start.AddYears(1).AddDays(-1);
        var months = Enumerable.Range(0, 12).Select(i =>
        {
            var from = start.AddMonths(i);
            var to = from.AddMonths(1).AddDays(-1);
            return new Period(MonthId(label, i), PeriodKind.Month, from, to, time.Count(from, to), QuarterId(label, i / 3), MonthId(label, i));
        }).ToList();
        var quarters = QuartersOf(label, months, time);
        var weeks = new List<Period>();
        foreach (var month in months)
        {
            var from = month.Start;
            while (from <= month.End)
            {
                var nextWeek = from.AddDays(7 - ((int)from.DayOfWeek - (int)weekStart + 7) % 7);
                var to = Min(nextWeek.AddDays(-1), month.End);
                weeks.Add(new Period(WeekId(label, weeks.Count), PeriodKind.Week, from, to, time.Count(from, to), month.Quarter, month.Id));
                from = to.AddDays(1);
            }
        }
        return new PlanningYear(label, start, end, quarters, months, weeks);
    }

    private static PlanningYear BuildFiscal(DateOnly requested, CalendarKind kind, DayOfWeek weekStart, WorkingTime time)
    {
        var label = requested.Year;
        var start = NearestWeekStart(requested, weekStart);
        var end = NearestWeekStart(requested.AddYears(1), weekStart).AddDays(-1);
        var weekCount = (end.DayNumber - start.DayNumber + 1) / 7;
        int[] pattern = kind switch
        {
            CalendarKind.FourFourFive => [4, 4, 5],
            CalendarKind.FourFiveFour => [4, 5, 4],
            _ => [5, 4, 4],
        };
        var weeksPerMonth = Enumerable.Range(0, 12).Select(i => pattern[i % 3]).ToArray();
        weeksPerMonth[11] += weekCount - 52; // a 53rd week goes to the last month
        var months = new List<Period>();
        var weeks = new List<Period>();
        var from = start;
        for (var m = 0; m < 12; m++)
        {
            var monthStart = from;
            for (var w = 0; w < weeksPerMonth[m]; w++)
            {
                var to = from.AddDays(6);
                weeks.Add(new Period(WeekId(label, weeks.Count), PeriodKind.Week, from, to, time.Count(from, to), QuarterId(label, m / 3), MonthId(label, m)));
                from = to.AddDays(1);
            }
            var monthEnd = from.AddDays(-1);
            months.Add(new Period(MonthId(label, m), PeriodKind.Month, monthStart, monthEnd, time.Count(monthStart, monthEnd), QuarterId(label, m / 3), MonthId(label, m)));
        }
        return new PlanningYear(label, start, end, QuartersOf(label, months, time), months, weeks);
    }

    private static List<Period> QuartersOf(int label, List<Period> months, WorkingTime time) =>
        Enumerable.Range(0, 4).Select(q =>
        {
            var (from, to) = (months[3 * q].Start, months[3 * q + 2].End);
            return new Period(QuarterId(label, q), PeriodKind.Quarter, from, to, time.Count(from, to), QuarterId(label, q), null);
        }).ToList();

    private static string QuarterId(int label, int index) => $"{label}-Q{index + 1}";

    private static string MonthId(int label, int index) => $"{label}-M{index + 1:00}";

    private static string WeekId(int label, int index) => $"{label}-W{index + 1:00}";

    private static DateOnly Min(DateOnly a, DateOnly b) => a <= b ? a : b;
}
