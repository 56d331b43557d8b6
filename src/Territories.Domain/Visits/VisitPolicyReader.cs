using System.Globalization;
using System.Text.Json;
using Territories.Domain.Contracts;
using Territories.Domain.Quotas;

namespace Territories.Domain.Visits;

/// <summary>Reads a visit policy (contract section 9), reporting every invalid field with its path.</summary>
public static class VisitPolicyReader
{
    private static readonly string[] FrequencyFields = ["visitsPerWeek", "visitsPerMonth", "visitsPerQuarter", "visitsPerYear"];
    private static readonly double[] PerYear = [52, 12, 4, 1];

    public static VisitPolicy Read(string json) => ContractJson.Read(json, Read);

    public static VisitPolicy? Read(JsonElement root, List<InputError> errors) =>
        JsonFields.Of(root, "", errors) is { } fields ? Read(fields, errors) : null;

    public static VisitPolicy? Read(JsonFields f, List<InputError> errors)
    {
        var before = errors.Count;
        var tiers = new Dictionary<string, TierVisits>(StringComparer.Ordinal);
        if (f.Object("tiers", required: true) is { } tiersObject)
        {
            foreach (var (name, element, path) in tiersObject.Properties())
                if (ReadTier(element, path, errors) is { } tier) tiers[name] = tier;
            if (tiersObject.Properties().Count == 0) f.Error("tiers", "must give at least one tier");
        }
        var workday = f.Object("workday") is { } w ? ReadWorkday(w) : Workday.Default;
        var days = f.Has("workingDays") ? QuotaRequestReader.ReadWorkingDays(f, errors) : WorkingTime.MondayToFridayDays;
        var speed = f.Number("speedKmh", min: 1) ?? VisitPolicy.DefaultSpeedKmh;
        var detour = f.Number("detourFactor", min: 1, max: 10) ?? VisitPolicy.DefaultDetourFactor;
        f.RejectUnknown();
        return errors.Count > before || workday is null ? null : new VisitPolicy(tiers, workday, days, speed, detour);
    }

    private static TierVisits? ReadTier(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var given = FrequencyFields.Select((name, i) => (name, value: f.Number(name, min: 0), perYear: PerYear[i])).Where(x => x.value is not null).ToList();
        var minutes = f.Integer("minutes", required: true, min: 1, max: 24 * 60);
        f.RejectUnknown();
        if (given.Count != 1)
        {
            errors.Add(new InputError(path, $"must give exactly one of {string.Join(", ", FrequencyFields)}"));
            return null;
        }
        return minutes is { } m ? new TierVisits(given[0].value!.Value * given[0].perYear, m) : null;
    }

    private static Workday? ReadWorkday(JsonFields f)
    {
        var d = Workday.Default;
        var start = Time(f, "start") ?? d.Start;
        var end = Time(f, "end") ?? d.End;
        var pause = f.Integer("breakMinutes", min: 0) ?? d.BreakMinutes;
        f.RejectUnknown();
        if (end <= start)
        {
            f.Error("end", $"must be after the start {start:HH\\:mm}");
            return null;
        }
        if (pause >= (end - start).TotalMinutes)
        {
            f.Error("breakMinutes", "must be shorter than the workday");
            return null;
        }
        return new Workday(start, end, pause);
    }

    /// <summary>A time of day written "HH:mm".</summary>
    public static TimeOnly? Time(JsonFields f, string name, bool required = false)
    {
        if (f.String(name, required) is not { } text) return null;
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        f.Error(name, $"must be a time of day \"HH:mm\", not \"{text}\"");
        return null;
    }
}
