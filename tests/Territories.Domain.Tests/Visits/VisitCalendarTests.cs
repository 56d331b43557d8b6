using System.Text;
using Ical.Net;
using Territories.Domain.Model;
using Territories.Domain.Visits;

namespace Territories.Domain.Tests.Visits;

public sealed class VisitCalendarTests
{
    private static readonly VisitDay Day = new(new DateOnly(2027, 1, 5), "08:30", "16:10", new BreakTime("12:00", "12:45"),
    [
        new VisitStop(new AccountId("a1"), "A", "09:10", "09:15", "10:15", false),
        new VisitStop(new AccountId("a2"), "B", "11:00", "11:00", "11:45", true),
    ], 120.5, 415);

    private static string Write(Func<AccountId, string?> nameOf) =>
        VisitCalendar.Write(new RepId("r1"), [Day], new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), nameOf);

    [Fact]
    public void Write_IsRfc5545_CrlfFoldedLinesWithUidAndDtstamp_AndACalendarLibraryReadsTheVisits()
    {
        var longName = "Müller, Søn & Co; " + new string('x', 120);

        var ics = Write(id => id.Value == "a1" ? longName : null);

        Assert.DoesNotContain("\n", ics.Replace("\r\n", "", StringComparison.Ordinal));
        var lines = ics.Split("\r\n")[..^1];
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"line longer than 75 octets: {line}"));
        Assert.Contains(lines, l => l.StartsWith(' '));
        Assert.Equal(2, lines.Count(l => l.StartsWith("UID:", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l == "DTSTAMP:20261201T100000Z"));

        var calendar = Calendar.Load(ics)!;
        var events = calendar.Events.OrderBy(e => e.DtStart!.Value).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(new DateTime(2027, 1, 5, 9, 15, 0), events[0].DtStart!.Value);
        Assert.Equal(new DateTime(2027, 1, 5, 10, 15, 0), events[0].DtEnd!.Value);
        Assert.Equal($"Visit {longName} (A)", events[0].Summary);
        Assert.Equal("Visit a2 (B)", events[1].Summary);
        Assert.Contains("fixed appointment", events[1].Description);
        Assert.NotEqual(events[0].Uid, events[1].Uid);
    }

    [Fact]
    public void Write_TheSamePlanTwice_KeepsTheUids_SoAReimportUpdatesInsteadOfDuplicating()
    {
        static IEnumerable<string> Uids(string ics) => ics.Split("\r\n").Where(l => l.StartsWith("UID:", StringComparison.Ordinal));

        Assert.Equal(Uids(Write(_ => null)), Uids(Write(_ => "renamed")));
    }
}
