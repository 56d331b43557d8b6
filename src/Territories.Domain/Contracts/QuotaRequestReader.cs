using System.Globalization;
using System.Text.Json;
using Territories.Domain.Model;
using Territories.Domain.Quotas;

namespace Territories.Domain.Contracts;

/// <summary>Reads a quota request (contract section 5), reporting every invalid field at once with its path.</summary>
public static class QuotaRequestReader
{
    private static readonly Dictionary<string, CalendarKind> Calendars = new()
    {
        ["months"] = CalendarKind.Months, ["4-4-5"] = CalendarKind.FourFourFive,
        ["4-5-4"] = CalendarKind.FourFiveFour, ["5-4-4"] = CalendarKind.FiveFourFour,
    };

    private static readonly Dictionary<string, DayOfWeek> WeekStarts = Enum.GetValues<DayOfWeek>()
        .ToDictionary(d => d.ToString().ToLowerInvariant());

    /// <summary>Days by the names the contracts use: mon, tue, … sun.</summary>
    internal static readonly Dictionary<string, DayOfWeek> Days = Enum.GetValues<DayOfWeek>()
        .ToDictionary(d => d.ToString()[..3].ToLowerInvariant());

    public static QuotaRequest Read(string json) => ContractJson.Read(json, Read);

    public static QuotaRequest? Read(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } f) return null;
        var goal = f.Decimal("goal", required: true, min: 0);
        var currency = f.String("currency") ?? "USD";
        var (start, calendar, weekStart) = f.Object("year", required: true) is { } y ? ReadYear(y) : (null, CalendarKind.Months, DayOfWeek.Monday);
        var workingDays = f.Has("workingDays") ? ReadWorkingDays(f, errors) : WorkingTime.MondayToFridayDays;
        var holidays = f.Array("holidays").Select(h => Date(h.Item, h.Path, errors)).OfType<DateOnly>().ToHashSet();
        var seasonality = f.Object("seasonality") is { } s ? ReadSeasonality(s, errors) : Seasonality.Flat;
        var reps = f.Array("reps", required: true).Select(r => ReadRep(r.Item, r.Path, errors)).ToList();
        if (f.Has("reps") && reps.Count == 0) f.Error("reps", "must name at least one rep");
        var method = f.Object("method") is { } m ? ReadMethod(m) : QuotaMethod.Default;
        var ramp = f.Array("ramp").Select(r => Fraction(r.Item, r.Path, errors)).ToList();
        var rounding = f.Decimal("rounding", min: 0.01m) ?? LargestRemainder.Cent;
        if (rounding % LargestRemainder.Cent != 0) f.Error("rounding", "must be a whole number of cents");
        var actuals = f.Array("actuals").Select(a => ReadActual(a.Item, a.Path, errors)).ToList();
        f.RejectUnknown();
        UniqueRepIds(reps, errors);
        CheckActuals(actuals, reps, start, errors);
        if (errors.Count > 0 || goal is null || start is null) return null;
        return new QuotaRequest(goal.Value, currency, start.Value, calendar, weekStart, new WorkingTime(workingDays, holidays), seasonality!,
            reps.Select(r => r!).ToList(), method, ramp.Select(r => r ?? 1).ToList(), rounding, actuals.Select(a => a!).ToList());
    }

    private static (DateOnly?, CalendarKind, DayOfWeek) ReadYear(JsonFields y)
    {
        var start = y.Date("start", required: true);
        var calendarName = y.String("calendar") ?? "months";
        if (!Calendars.TryGetValue(calendarName, out var calendar))
            y.Error("calendar", $"must be one of months, 4-4-5, 4-5-4, 5-4-4, not \"{calendarName}\"");
        var weekStartName = y.String("weekStart") ?? "monday";
        if (!WeekStarts.TryGetValue(weekStartName, out var weekStart))
            y.Error("weekStart", $"must be a day such as monday or sunday, not \"{weekStartName}\"");
        if (calendar == CalendarKind.Months && start is { Day: not 1 })
            y.Error("start", $"a months calendar starts on the first day of a month, not {start:yyyy-MM-dd}");
        y.RejectUnknown();
        return (start, calendar, weekStart);
    }

    /// <summary>The <c>workingDays</c> array (mon … sun), also read by the visit policy.</summary>
    internal static HashSet<DayOfWeek> ReadWorkingDays(JsonFields f, List<InputError> errors)
    {
        var days = new HashSet<DayOfWeek>();
        foreach (var (item, path) in f.Array("workingDays"))
        {
            if (item.ValueKind == JsonValueKind.String && Days.TryGetValue(item.GetString()!, out var day)) days.Add(day);
            else errors.Add(new InputError(path, $"must be one of mon, tue, wed, thu, fri, sat, sun, not {JsonFields.Describe(item)}"));
        }
        if (days.Count == 0) f.Error("workingDays", "must name at least one day");
        return days;
    }

    private static Seasonality? ReadSeasonality(JsonFields s, List<InputError> errors)
    {
        var monthly = s.Array("monthly");
        var history = s.Array("history");
        Seasonality? result = null;
        if (s.Has("monthly") == s.Has("history"))
            errors.Add(new InputError(s.Path, "give exactly one of monthly or history"));
        else if (s.Has("monthly"))
        {
            var weights = monthly.Select(m => m.Item.ValueKind == JsonValueKind.Number && m.Item.TryGetDouble(out var w) && double.IsFinite(w) && w > 0 ? w : (double?)null).ToList();
            if (weights.Count != 12) s.Error("monthly", $"must give 12 weights, one per month, not {weights.Count}");
            for (var i = 0; i < weights.Count; i++)
                if (weights[i] is null) errors.Add(new InputError(monthly[i].Path, $"must be a positive number, not {JsonFields.Describe(monthly[i].Item)}"));
            if (weights.Count == 12 && weights.All(w => w is not null)) result = new Seasonality(weights.Select(w => w!.Value).ToList());
        }
        else
        {
            var points = history.Select(h => ReadHistoryPoint(h.Item, h.Path, errors)).ToList();
            var missing = Enumerable.Range(1, 12).Where(m => points.All(p => p?.Month != m)).ToList();
            if (points.Count > 0 && points.All(p => p is not null) && missing.Count > 0)
                s.Error("history", $"has no amount for month(s) {string.Join(", ", missing.Select(m => m.ToString("00", CultureInfo.InvariantCulture)))}; every month must appear at least once");
            if (points.Count == 0) s.Error("history", "must not be empty");
            if (errors.Count == 0) result = Seasonality.FromHistory(points.Select(p => p!.Value));
        }
        s.RejectUnknown();
        return result;
    }

    private static (int Year, int Month, decimal Amount)? ReadHistoryPoint(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var period = f.String("period", required: true);
        var amount = f.Decimal("amount", required: true, min: 0);
        f.RejectUnknown();
        if (period is null || amount is null) return null;
        if (DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return (d.Year, d.Month, amount.Value);
        f.Error("period", $"must be a month such as 2025-03, not \"{period}\"");
        return null;
    }

    private static QuotaRep? ReadRep(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var id = f.String("id", required: true) ?? "";
        var potential = f.Decimal("potential", min: 0) ?? 0;
        var lastYear = f.Decimal("lastYear", min: 0);
        var start = f.Date("startDate");
        var end = f.Date("endDate");
        if (start is { } a && end is { } b && a > b) f.Error("startDate", $"{a:yyyy-MM-dd} is after endDate {b:yyyy-MM-dd}");
        f.RejectUnknown();
        return new QuotaRep(new RepId(id), potential, lastYear, start, end);
    }

    private static QuotaMethod ReadMethod(JsonFields f)
    {
        var defaults = QuotaMethod.Default;
        var method = new QuotaMethod(
            f.Number("potentialWeight", min: 0) ?? defaults.PotentialWeight,
            f.Number("historyWeight", min: 0) ?? defaults.HistoryWeight,
            f.Number("minGrowth", min: -1),
            f.Number("maxGrowth", min: -1),
            f.Number("overAssignment", min: 0, max: 10) ?? defaults.OverAssignment);
        if (method.MinGrowth is { } lo && method.MaxGrowth is { } hi && lo > hi) f.Error("minGrowth", $"{lo} is above maxGrowth {hi}");
        if (method.PotentialWeight + method.HistoryWeight <= 0) f.Error("potentialWeight", "potentialWeight and historyWeight must not both be 0");
        f.RejectUnknown();
        return method;
    }

    private static Actual? ReadActual(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var actual = new Actual(new RepId(f.String("repId", required: true) ?? ""), f.String("period", required: true) ?? "", f.Decimal("amount", required: true, min: 0) ?? 0);
        f.RejectUnknown();
        return actual;
    }

    private static void UniqueRepIds(List<QuotaRep?> reps, List<InputError> errors)
    {
        var seen = new Dictionary<RepId, int>();
        for (var i = 0; i < reps.Count; i++)
        {
            if (reps[i] is not { } rep) continue;
            if (!seen.TryAdd(rep.Id, i)) errors.Add(new InputError($"reps[{i}].id", $"duplicate id \"{rep.Id}\" (first at reps[{seen[rep.Id]}])"));
        }
    }

    private static void CheckActuals(List<Actual?> actuals, List<QuotaRep?> reps, DateOnly? start, List<InputError> errors)
    {
        var ids = reps.OfType<QuotaRep>().Select(r => r.Id).ToHashSet();
        for (var i = 0; i < actuals.Count; i++)
        {
            if (actuals[i] is not { } actual) continue;
            if (!ids.Contains(actual.RepId)) errors.Add(new InputError($"actuals[{i}].repId", $"names unknown rep \"{actual.RepId}\""));
            var months = start is { } s ? Enumerable.Range(1, 12).Select(m => $"{s.Year}-M{m:00}").ToHashSet() : [];
            if (start is not null && !months.Contains(actual.Period))
                errors.Add(new InputError($"actuals[{i}].period", $"must be a month of the plan such as {start.Value.Year}-M03, not \"{actual.Period}\""));
        }
    }

    private static double? Fraction(JsonElement item, string path, List<InputError> errors)
    {
        if (item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out var v) && v is >= 0 and <= 1) return v;
        errors.Add(new InputError(path, $"must be a number within [0, 1], not {JsonFields.Describe(item)}"));
        return null;
    }

    private static DateOnly? Date(JsonElement item, string path, List<InputError> errors)
    {
        if (item.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(item.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(new InputError(path, $"must be a date such as 2027-01-01, not {JsonFields.Describe(item)}"));
        return null;
    }
}
