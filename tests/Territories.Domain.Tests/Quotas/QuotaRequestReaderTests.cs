using Territories.Domain.Contracts;
using Territories.Domain.Quotas;

namespace Territories.Domain.Tests.Quotas;

public class QuotaRequestReaderTests
{
    private const string Valid = """
        { "goal": 1000, "year": { "start": "2027-01-01", "calendar": "4-4-5" }, "reps": [ { "id": "r1", "potential": 5 } ] }
        """;

    private static IReadOnlyList<InputError> Errors(string json) =>
        Assert.Throws<InvalidInputException>(() => QuotaRequestReader.Read(json)).Errors;

    [Fact]
    public void Read_MinimalRequest_TakesTheDefaults()
    {
        var request = QuotaRequestReader.Read(Valid);

        Assert.Equal(CalendarKind.FourFourFive, request.Calendar);
        Assert.Equal(DayOfWeek.Monday, request.WeekStart);
        Assert.Equal(Seasonality.Flat, request.Seasonality);
        Assert.Equal(0.01m, request.Rounding);
        Assert.True(request.WorkingTime.IsWorking(new DateOnly(2027, 1, 4)));
        Assert.False(request.WorkingTime.IsWorking(new DateOnly(2027, 1, 9)));
    }

    [Fact]
    public void Read_ElevenMonthlyWeights_NamesTheField()
    {
        var error = Assert.Single(Errors("""
            { "goal": 1, "year": { "start": "2027-01-01" }, "reps": [ { "id": "r1" } ],
              "seasonality": { "monthly": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] } }
            """));
        Assert.Equal("seasonality.monthly", error.Path);
        Assert.Contains("12 weights", error.Message);
    }

    [Fact]
    public void Read_StartAfterEnd_NegativeGoalAndUnknownCalendar_AreAllReported()
    {
        var errors = Errors("""
            { "goal": -5, "year": { "start": "2027-01-01", "calendar": "4-4-4" },
              "reps": [ { "id": "r1", "startDate": "2027-06-01", "endDate": "2027-03-01" } ] }
            """);
        var paths = errors.Select(e => e.Path).ToList();
        Assert.Contains("goal", paths);
        Assert.Contains("year.calendar", paths);
        Assert.Contains("reps[0].startDate", paths);
    }

    [Fact]
    public void Read_HistoryMissingAMonth_SaysWhich()
    {
        var months = string.Join(",", Enumerable.Range(1, 12).Where(m => m != 4).Select(m => $$"""{ "period": "2025-{{m:00}}", "amount": 10 }"""));
        var error = Assert.Single(Errors($$"""
            { "goal": 1, "year": { "start": "2027-01-01" }, "reps": [ { "id": "r1" } ], "seasonality": { "history": [ {{months}} ] } }
            """));
        Assert.Equal("seasonality.history", error.Path);
        Assert.Contains("04", error.Message);
    }

    [Fact]
    public void Read_History_WeightsMonthsByTheirAverageShare()
    {
        // Year 1: March is 40% of 100; year 2: March is 20% of 200. Average share 30%.
        var points = new List<string>();
        foreach (var (year, march, other) in new[] { (2024, 40, 60.0 / 11), (2025, 40, 160.0 / 11) })
            for (var m = 1; m <= 12; m++)
                points.Add($$"""{ "period": "{{year}}-{{m:00}}", "amount": {{(m == 3 ? march : other).ToString(System.Globalization.CultureInfo.InvariantCulture)}} }""");
        var request = QuotaRequestReader.Read($$"""
            { "goal": 1, "year": { "start": "2027-01-01" }, "reps": [ { "id": "r1" } ], "seasonality": { "history": [ {{string.Join(",", points)}} ] } }
            """);
        Assert.Equal(0.3, request.Seasonality.Monthly[2], 6);
    }

    [Fact]
    public void Read_MonthsCalendarNotOnTheFirst_IsInvalid()
    {
        var error = Assert.Single(Errors("""{ "goal": 1, "year": { "start": "2027-01-15", "calendar": "months" }, "reps": [ { "id": "r1" } ] }"""));
        Assert.Equal("year.start", error.Path);
    }

    [Fact]
    public void Read_ActualForUnknownRepOrPeriod_IsInvalid()
    {
        var errors = Errors("""
            { "goal": 1, "year": { "start": "2027-01-01" }, "reps": [ { "id": "r1" } ],
              "actuals": [ { "repId": "ghost", "period": "2027-M02", "amount": 5 }, { "repId": "r1", "period": "2026-M02", "amount": 5 } ] }
            """);
        Assert.Contains(errors, e => e.Path == "actuals[0].repId");
        Assert.Contains(errors, e => e.Path == "actuals[1].period");
    }
}
