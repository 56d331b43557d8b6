using System.Text.Json;
using Territories.Domain.Model;
using Territories.Domain.Organisation;
using Territories.Domain.Visits;

namespace Territories.Domain.Contracts;

/// <summary>Reads the territory problem of the contract (section 1), reporting every invalid field at once.</summary>
public static class TerritoryProblemReader
{
    public static TerritoryProblem Read(string json) => ContractJson.Read(json, Read);

    public static TerritoryProblem? Read(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } fields) return null;
        var items = fields.Array("accounts", required: true);
        var frame = ReadFrame(fields, errors);
        var accounts = new List<Account>(items.Count);
        for (var i = 0; i < items.Count; i++)
            if (ReadAccount(i, items[i].Item, frame, errors) is { } account) accounts.Add(account);
        frame?.Finish();
        return errors.Count > 0 ? null : frame!.Problem(accounts);
    }

    /// <summary>
    /// Everything but the accounts (which the caller asks for from <paramref name="fields"/> first, so that the field is
    /// known), checked: null when a field is invalid; a frame whose references are wrong (its errors added) still checks
    /// the accounts, so that every error is reported at once.
    /// </summary>
    public static ProblemFrame? ReadFrame(JsonFields fields, List<InputError> errors)
    {
        var before = errors.Count;
        var name = fields.String("name");
        var reps = fields.Array("reps", required: true).Select(x => ReadRep(x.Item, x.Path, errors)).ToList();
        if (fields.Has("reps") && reps.Count == 0) fields.Error("reps", "must name at least one rep");
        var units = fields.Array("units").Select(x => ReadUnit(x.Item, x.Path, errors)).ToList();
        var pairs = fields.Array("pairs").Select(x => ReadPair(x.Item, x.Path, errors)).ToList();
        var orgUnits = OrgUnitReader.Read(fields, errors);
        var options = fields.Object("options") is { } o ? OptionsReader.Read(o) : SolveOptions.Default;
        var policy = fields.Object("visitPolicy") is { } v ? VisitPolicyReader.Read(v, errors) : null;
        fields.RejectUnknown();
        if (errors.Count > before) return null;

        var frame = new ProblemFrame(name, reps.Select(r => r!).ToList(), units.Select(u => u!).ToList(), pairs.Select(p => p!).ToList(), orgUnits, options,
            policy, errors);
        CheckOrganisation(orgUnits, frame.Reps, options, errors);
        frame.CheckFrame();
        return frame;
    }

    /// <summary>The account at <c>accounts[index]</c>: its fields, then, when they and the <paramref name="frame"/> are valid, its references.</summary>
    public static Account? ReadAccount(int index, JsonElement element, ProblemFrame? frame, List<InputError> errors)
    {
        var before = errors.Count;
        var account = ReadAccount(element, $"accounts[{index}]", errors);
        if (account is not null && errors.Count == before) frame?.Check(index, account);
        return account;
    }

    /// <summary>The tree, each rep's unit (a leaf) and the moveWithin level, with field paths.</summary>
    internal static void CheckOrganisation(IReadOnlyList<OrgUnit> orgUnits, IReadOnlyList<Rep> reps, SolveOptions options, List<InputError> errors)
    {
        if (OrgTree.Check(orgUnits, "orgUnits", errors) is not { } tree) return;
        for (var r = 0; r < reps.Count; r++) tree.CheckMember(reps[r].OrgUnitId, $"reps[{r}].orgUnitId", errors);
        if (options.MoveWithin is not { } level) return;
        if (tree.Count == 0) errors.Add(new InputError("options.moveWithin", "needs orgUnits (the level is a depth of the organisation tree)"));
        else if (level > tree.Height)
            errors.Add(new InputError("options.moveWithin", $"is level {level}, but the organisation has levels 0 to {tree.Height} (0 = the roots)"));
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
            f.String("region")) { OrgUnitId = f.String("orgUnitId") };
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
