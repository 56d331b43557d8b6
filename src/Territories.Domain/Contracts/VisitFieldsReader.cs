using System.Globalization;
using System.Text.Json;
using Territories.Domain.Model;
using Territories.Domain.Visits;

namespace Territories.Domain.Contracts;

/// <summary>Reads an account's <c>openingHours</c> (<c>{ "mon": ["09:00-12:00", "13:00-17:00"], … }</c>) and <c>appointments</c>.</summary>
public static class VisitFieldsReader
{
    public static OpeningHours? ReadOpeningHours(JsonFields account, List<InputError> errors)
    {
        if (account.Object("openingHours") is not { } f) return null;
        var days = new Dictionary<DayOfWeek, IReadOnlyList<TimeWindow>>();
        foreach (var (name, value, path) in f.Properties())
        {
            if (!QuotaRequestReader.Days.TryGetValue(name, out var day))
            {
                errors.Add(new InputError(path, "must be a day: mon, tue, wed, thu, fri, sat or sun"));
                continue;
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new InputError(path, $"must be an array of \"HH:mm-HH:mm\" spans, not {JsonFields.Describe(value)}"));
                continue;
            }
            days[day] = value.EnumerateArray().Select((item, i) => Window(item, $"{path}[{i}]", errors)).OfType<TimeWindow>().OrderBy(w => w.FromMinute).ToList();
        }
        return new OpeningHours(days);
    }

    private static TimeWindow? Window(JsonElement item, string path, List<InputError> errors)
    {
        var parts = item.ValueKind == JsonValueKind.String ? item.GetString()!.Split('-') : [];
        if (parts.Length == 2 && Minute(parts[0]) is { } from && Minute(parts[1]) is { } to && to > from) return new TimeWindow(from, to);
        errors.Add(new InputError(path, $"must be a span \"HH:mm-HH:mm\" that ends after it starts, not {JsonFields.Describe(item)}"));
        return null;
    }

    private static int? Minute(string text) =>
        TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.Hour * 60 + t.Minute : null;

    public static IReadOnlyList<Appointment>? ReadAppointments(JsonFields account, List<InputError> errors)
    {
        if (!account.Has("appointments")) { account.Array("appointments"); return null; }
        var appointments = new List<Appointment>();
        foreach (var (item, path) in account.Array("appointments"))
        {
            if (JsonFields.Of(item, path, errors) is not { } f) continue;
            var date = f.Date("date", required: true);
            var start = VisitPolicyReader.Time(f, "start", required: true);
            var minutes = f.Integer("minutes", min: 1, max: 24 * 60);
            f.RejectUnknown();
            if (date is { } day && start is { } time) appointments.Add(new Appointment(day, time, minutes));
        }
        return appointments;
    }
}
