using System.Text.Json;
using Territories.Domain.Model;
using Territories.Domain.Visits;

namespace Territories.Domain.Contracts;

/// <summary>Reads the territory problem of the contract (section 1), reporting every invalid field at once.</summary>
public static class TerritoryProblemReader
{
    public static TerritoryProblem Read(string json) => ContractJson.Read(json, Read);

    public static TerritoryProblem? Read(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } fields) return null;
        var name = fields.String("name");
        var reps = fields.Array("reps", required: true).Select(x => ReadRep(x.Item, x.Path, errors)).ToList();
        if (fields.Has("reps") && reps.Count == 0) fields.Error("reps", "must name at least one rep");
        var accounts = fields.Array("accounts", required: true).Select(x => ReadAccount(x.Item, x.Path, errors)).ToList();
        var units = fields.Array("units").Select(x => ReadUnit(x.Item, x.Path, errors)).ToList();
        var pairs = fields.Array("pairs").Select(x => ReadPair(x.Item, x.Path, errors)).ToList();
        var options = fields.Object("options") is { } o ? OptionsReader.Read(o) : SolveOptions.Default;
        var policy = fields.Object("visitPolicy") is { } v ? VisitPolicyReader.Read(v, errors) : null;
        fields.RejectUnknown();
        if (errors.Count > 0) return null;

        var problemReps = reps.Select(r => r!).ToList();
        var problemAccounts = accounts.Select(a => a!).ToList();
        var problemUnits = units.Select(u => u!).ToList();
        var problemPairs = pairs.Select(p => p!).ToList();
        new ReferenceChecks(problemReps, problemAccounts, problemUnits, problemPairs, options, errors, policy).Run();
        if (errors.Count > 0) return null;
        if (policy is not null) problemPairs = VisitWorkload.Pairs(problemReps, problemAccounts, problemPairs, options, policy);
        return TerritoryProblem.Create(problemReps, problemAccounts, options, problemPairs, problemUnits, name);
    }

    internal static Rep? ReadRep(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var rep = new Rep(
            new RepId(f.String("id", required: true) ?? ""),
            f.String("name"),
            ReadPoint(f, "home"),
            f.StringSet("skills"),
            f.Number("capacity", required: true, min: 0) ?? 0,
            f.Integer("maxAccounts", min: 0),
            f.String("region"));
        f.RejectUnknown();
        return rep;
    }

    private static Account? ReadAccount(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var account = new Account(
            new AccountId(f.String("id", required: true) ?? ""),
            f.String("name"),
            ReadPoint(f, "location"),
            f.String("segment"),
            f.String("tier"),
            f.StringSet("requiredSkills"),
            f.Number("workload", min: 0),
            f.Decimal("potential", min: 0) ?? 0,
            f.Decimal("revenue", min: 0) ?? 0,
            f.String("currentRepId") is { } current ? new RepId(current) : null,
            f.String("lockedRepId") is { } locked ? new RepId(locked) : null,
            f.String("unitId") is { } unit ? new UnitId(unit) : null,
            VisitFieldsReader.ReadOpeningHours(f, errors),
            VisitFieldsReader.ReadAppointments(f, errors));
        f.RejectUnknown();
        return account;
    }

    private static Unit? ReadUnit(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var unit = new Unit(new UnitId(f.String("id", required: true) ?? ""), f.StringSet("neighbors").Select(n => new UnitId(n)).ToList());
        f.RejectUnknown();
        return unit;
    }

    private static Pair? ReadPair(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var pair = new Pair(
            new AccountId(f.String("accountId", required: true) ?? ""),
            new RepId(f.String("repId", required: true) ?? ""),
            f.Decimal("cost") ?? 0,
            f.Number("workload", min: 0));
        f.RejectUnknown();
        return pair;
    }

    private static GeoPoint? ReadPoint(JsonFields parent, string name)
    {
        if (parent.Object(name) is not { } f) return null;
        var lat = f.Number("lat", required: true, min: -90, max: 90);
        var lon = f.Number("lon", required: true, min: -180, max: 180);
        f.RejectUnknown();
        return lat is { } la && lon is { } lo ? new GeoPoint(la, lo) : null;
    }
}
