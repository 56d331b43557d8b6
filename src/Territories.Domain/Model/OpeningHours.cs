namespace Territories.Domain.Model;

/// <summary>A span of the day in minutes after midnight, start inclusive, end exclusive.</summary>
public readonly record struct TimeWindow(int FromMinute, int ToMinute)
{
    public override string ToString() => $"{FromMinute / 60:00}:{FromMinute % 60:00}-{ToMinute / 60:00}:{ToMinute % 60:00}";
}

/// <summary>When an account receives visits, per day of the week; a day it does not name is closed.</summary>
public sealed class OpeningHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<TimeWindow>> days)
{
    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<TimeWindow>> Days { get; } = days;

    public IReadOnlyList<TimeWindow> On(DayOfWeek day) => Days.GetValueOrDefault(day) ?? [];
}

/// <summary>A visit fixed in the calendar: that day, at that time.</summary>
/// <param name="Minutes">How long it lasts; null means the visit length of the account's tier.</param>
public sealed record Appointment(DateOnly Date, TimeOnly Start, int? Minutes);
