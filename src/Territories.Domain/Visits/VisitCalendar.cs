using System.Globalization;
using System.Text;
using Territories.Domain.Model;

namespace Territories.Domain.Visits;

/// <summary>
/// A rep's visits as an iCalendar file (RFC 5545) that calendar applications import: one VEVENT per visit in local
/// ("floating") time, a stable UID per rep, day and stop, DTSTAMP, escaped text, CRLF line ends and lines folded at 75 octets.
/// </summary>
public static class VisitCalendar
{
    public static string Write(RepId rep, IEnumerable<VisitDay> days, DateTimeOffset stamp, Func<AccountId, string?> nameOf)
    {
        var text = new StringBuilder();
        void Line(string line) => Fold(text, line);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Territories//Visit plan//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line($"X-WR-CALNAME:{Escape($"Visits {rep}")}");
        var dtstamp = stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var day in days)
        {
            for (var i = 0; i < day.Stops.Count; i++)
            {
                var stop = day.Stops[i];
                var name = nameOf(stop.AccountId) ?? stop.AccountId.Value;
                Line("BEGIN:VEVENT");
                Line($"UID:{Escape($"{rep}-{day.Date:yyyyMMdd}-{i + 1}-{stop.AccountId}")}@territories");
                Line($"DTSTAMP:{dtstamp}");
                Line($"DTSTART:{Local(day.Date, stop.Start)}");
                Line($"DTEND:{Local(day.Date, stop.End)}");
                Line($"SUMMARY:{Escape($"Visit {name}{(stop.Tier is { } t ? $" ({t})" : "")}")}");
                Line($"DESCRIPTION:{Escape($"Account {stop.AccountId}, stop {i + 1} of {day.Stops.Count}; arrive {stop.Arrival}{(stop.Appointment ? "; fixed appointment" : "")}.")}");
                Line("END:VEVENT");
            }
        }
        Line("END:VCALENDAR");
        return text.ToString();
    }

    private static string Local(DateOnly date, string time) =>
        date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "T" + time.Replace(":", "", StringComparison.Ordinal) + "00";

    /// <summary>TEXT escaping of RFC 5545 section 3.3.11: backslash, semicolon, comma and newline.</summary>
    public static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Writes a content line folded at 75 octets (continuation lines start with a space), never splitting a UTF-8 character; CRLF.</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = 74;
            }
            text.Append(rune.ToString());
            octets += size;
        }
        text.Append("\r\n");
    }
}
