using System.Globalization;
using System.Text.Json;
using Territories.Domain.Hiring;
using Territories.Domain.Model;

namespace Territories.Domain.Contracts;

/// <summary>Reads a hiring request (contract section 6), reporting every invalid field at once with its path.</summary>
public static class HiringRequestReader
{
    public static HiringRequest Read(string json) => ContractJson.Read(json, Read);

    public static HiringRequest? Read(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } f) return null;
        var start = QuarterOf(f, "start", required: true);
        var quarters = f.Integer("quarters", required: true, min: 1, max: 200);
        var reps = f.Array("reps").Select(r => ReadRep(r.Item, r.Path, errors)).ToList();
        var hireCapacity = f.Number("hireCapacity", required: true, min: 0);
        var demand = f.Array("demand").Select(d => ReadDemand(d.Item, d.Path, errors)).ToList();
        var utilization = f.Number("targetUtilization", min: 0, max: 1) ?? 0.85;
        var attrition = f.Number("attritionPerYear", min: 0, max: 1) ?? 0;
        var ramp = f.Array("ramp").Select(r => r.Item.ValueKind == JsonValueKind.Number && r.Item.TryGetDouble(out var v) && v is >= 0 and <= 1 ? v : Invalid(r.Path, errors)).ToList();
        var leadTime = f.Integer("leadTimeQuarters", min: 0, max: 40) ?? 0;
        var maxHires = f.Integer("maxHiresPerQuarter", min: 0);
        var hireCost = f.Decimal("hireCost", min: 0) ?? 0;
        var repCost = f.Decimal("repCostPerYear", min: 0) ?? 0;
        var timeLimit = f.Number("timeLimitSeconds", min: 0.001, max: 86_400) ?? HiringRequest.DefaultTimeLimitSeconds;
        var whatIfs = f.Array("whatIfs").Select(w => ReadWhatIf(w.Item, w.Path, errors)).ToList();
        var orgUnits = OrgUnitReader.Read(f, errors);
        f.RejectUnknown();
        if (errors.Count == 0) CheckRegions(orgUnits, reps, demand, errors);
        var ids = new Dictionary<string, int>();
        for (var i = 0; i < reps.Count; i++)
            if (reps[i] is { } rep && !ids.TryAdd(rep.Id.Value, i))
                errors.Add(new InputError($"reps[{i}].id", $"duplicate id \"{rep.Id}\" (first at reps[{ids[rep.Id.Value]}])"));
        if (errors.Count > 0 || start is null || quarters is null || hireCapacity is null) return null;
        return new HiringRequest(start.Value, quarters.Value, reps.Select(r => r!).ToList(), hireCapacity.Value, demand.Select(d => d!).ToList(),
            utilization, attrition, ramp, leadTime, maxHires, hireCost, repCost, whatIfs.Select(w => w!).ToList(), timeLimit) { OrgUnits = orgUnits };
    }

    /// <summary>With orgUnits, a region is an org unit: every rep's and demand's region must name one.</summary>
    private static void CheckRegions(IReadOnlyList<Organisation.OrgUnit> orgUnits, List<HiringRep?> reps, List<HiringDemand?> demand, List<InputError> errors)
    {
        if (Organisation.OrgTree.Check(orgUnits, "orgUnits", errors) is not { Count: > 0 } tree) return;
        for (var i = 0; i < reps.Count; i++)
            if (!tree.Contains(reps[i]!.Region)) errors.Add(new InputError($"reps[{i}].region", $"names unknown org unit \"{reps[i]!.Region}\" (with orgUnits, regions are org unit ids)"));
        for (var i = 0; i < demand.Count; i++)
            if (!tree.Contains(demand[i]!.Region)) errors.Add(new InputError($"demand[{i}].region", $"names unknown org unit \"{demand[i]!.Region}\" (with orgUnits, regions are org unit ids)"));
    }

    private static HiringRep? ReadRep(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var rep = new HiringRep(new RepId(f.String("id", required: true) ?? ""), f.StringSet("skills"), f.String("region", required: true) ?? "",
            f.Number("capacity", required: true, min: 0) ?? 0, f.String("endDate") is { } end ? Date(f, "endDate", end) : null);
        f.RejectUnknown();
        return rep;
    }

    private static HiringDemand? ReadDemand(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var demand = new HiringDemand(f.String("skill", required: true) ?? "", f.String("region", required: true) ?? "",
            QuarterOf(f, "quarter", required: true) ?? default, f.Number("workload", required: true, min: 0) ?? 0);
        f.RejectUnknown();
        return demand;
    }

    private static WhatIf? ReadWhatIf(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var whatIf = new WhatIf(f.String("name", required: true) ?? "", f.Integer("maxHiresPerQuarter", min: 0),
            f.Number("targetUtilization", min: 0, max: 1), f.Number("attritionPerYear", min: 0, max: 1));
        f.RejectUnknown();
        return whatIf;
    }

    private static Quarter? QuarterOf(JsonFields f, string name, bool required)
    {
        if (f.String(name, required) is not { } text) return null;
        if (Quarter.TryParse(text, out var quarter)) return quarter;
        f.Error(name, $"must be a quarter such as 2027-Q1, not \"{text}\"");
        return null;
    }

    private static DateOnly? Date(JsonFields f, string name, string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        f.Error(name, $"must be a date such as 2027-06-30, not \"{text}\"");
        return null;
    }

    private static double Invalid(string path, List<InputError> errors)
    {
        errors.Add(new InputError(path, "must be a number within [0, 1]"));
        return 0;
    }
}
