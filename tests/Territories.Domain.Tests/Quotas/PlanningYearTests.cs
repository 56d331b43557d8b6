using Territories.Domain.Quotas;

namespace Territories.Domain.Tests.Quotas;

public class PlanningYearTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Build_445Year2027_StartsOnTheNearestMondayAndHas52Weeks()
    {
        // 2027-01-01 is a Friday: the nearest Monday is 2027-01-04 (3 days on); 2028-01-01 is a Saturday, so the next
        // year starts 2028-01-03 and this one ends the day before.
        var year = PlanningYear.Build(D("2027-01-01"), CalendarKind.FourFourFive, DayOfWeek.Monday, WorkingTime.MondayToFriday);

        Assert.Equal(D("2027-01-04"), year.Start);
        Assert.Equal(D("2028-01-02"), year.End);
        Assert.Equal(52, year.Weeks.Count);
        Assert.Equal(("2027-W01", D("2027-01-04"), D("2027-01-10")), (year.Weeks[0].Id, year.Weeks[0].Start, year.Weeks[0].End));
        Assert.Equal([4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5], year.Months.Select(m => year.WeeksOf(m).Count()));
        Assert.Equal(D("2027-01-31"), year.Months[0].End);
        Assert.Equal(D("2027-04-04"), year.Quarters[0].End);
        Assert.Equal("2027-Q1", year.Weeks[12].Quarter);
        Assert.Equal("2027-Q2", year.Weeks[13].Quarter);
    }

    [Fact]
    public void Build_53WeekYear_GivesTheExtraWeekToTheLastMonth()
    {
        // 2026-01-01 is a Thursday: the year starts Monday 2025-12-29 and ends 2027-01-03, 371 days = 53 weeks.
        var year = PlanningYear.Build(D("2026-01-01"), CalendarKind.FiveFourFour, DayOfWeek.Monday, WorkingTime.MondayToFriday);

        Assert.Equal(D("2025-12-29"), year.Start);
        Assert.Equal(53, year.Weeks.Count);
        Assert.Equal([5, 4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 5], year.Months.Select(m => year.WeeksOf(m).Count()));
        Assert.Equal("2026-W53", year.Weeks[^1].Id);
        Assert.Equal(D("2027-01-03"), year.Weeks[^1].End);
    }

    [Fact]
    public void Build_MonthsCalendarWithHoliday_CutsWeeksAtMonthEndsAndCountsWorkingDays()
    {
        var time = new WorkingTime(WorkingTime.MondayToFridayDays, new HashSet<DateOnly> { D("2027-01-01") });

        var year = PlanningYear.Build(D("2027-01-01"), CalendarKind.Months, DayOfWeek.Monday, time);

        // January 2027 has 21 weekdays; New Year's Day (a Friday) is a holiday.
        Assert.Equal(20, year.Months[0].WorkingDays);
        // The year opens on a Friday: the first week is Friday to Sunday, with no working day left.
        Assert.Equal((D("2027-01-01"), D("2027-01-03"), 0), (year.Weeks[0].Start, year.Weeks[0].End, year.Weeks[0].WorkingDays));
        // The week of Monday 29 March crosses into April (1 April is a Thursday) and is cut in two.
        var march = year.WeeksOf(year.Months[2]).Last();
        var april = year.WeeksOf(year.Months[3]).First();
        Assert.Equal((D("2027-03-29"), D("2027-03-31"), 3), (march.Start, march.End, march.WorkingDays));
        Assert.Equal((D("2027-04-01"), D("2027-04-04"), 2), (april.Start, april.End, april.WorkingDays));
        Assert.NotEqual(march.Id, april.Id);
        Assert.Equal(D("2027-12-31"), year.Weeks[^1].End);
        Assert.All(year.Weeks, w => Assert.Equal(w.Month, year.Months.Single(m => m.Contains(w.Start) && m.Contains(w.End)).Id));
    }

    [Theory]
    [InlineData("2027-01-01", "2027-01-04")] // Friday: 3 days on
    [InlineData("2026-01-01", "2025-12-29")] // Thursday: 3 days back
    [InlineData("2027-06-15", "2027-06-14")] // Tuesday: 1 day back
    public void NearestWeekStart_IsAtMostThreeDaysAway(string date, string expected) =>
        Assert.Equal(D(expected), PlanningYear.NearestWeekStart(D(date), DayOfWeek.Monday));
}
