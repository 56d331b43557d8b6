using System.Text.Json;
using Territories.Domain.Model;
using Territories.Domain.Scenarios;

namespace Territories.Domain.Contracts;

/// <summary>
/// Reads a scenario: <c>{ "name", "datasetId", "changes": { "repsRemoved", "repsAdded", "repsResized", "accountsUnlocked",
/// "accountsLocked" }, "options", "goal" }</c>, every invalid field reported with its path.
/// </summary>
public static class ScenarioReader
{
    public static Scenario Read(string json) => ContractJson.Read(json, Read);

    public static Scenario? Read(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } f) return null;
        var name = f.String("name", required: true);
        var datasetId = f.String("datasetId", required: true);
        var changes = f.Object("changes") is { } c ? ReadChanges(c, errors) : ScenarioChanges.None;
        var options = f.Object("options") is { } o ? OptionsReader.Read(o) : null;
        var goal = f.Decimal("goal", min: 0);
        f.RejectUnknown();
        return errors.Count > 0 ? null : new Scenario(name!, datasetId!, changes, options, goal);
    }

    private static ScenarioChanges ReadChanges(JsonFields f, List<InputError> errors)
    {
        var changes = new ScenarioChanges(
            Strings(f, "repsRemoved", errors).Select(s => new RepId(s)).ToList(),
            f.Array("repsAdded").Select(x => TerritoryProblemReader.ReadRep(x.Item, x.Path, errors)).OfType<Rep>().ToList(),
            f.Array("repsResized").Select(x => ReadResize(x.Item, x.Path, errors)).OfType<RepResize>().ToList(),
            Strings(f, "accountsUnlocked", errors).Select(s => new AccountId(s)).ToList(),
            f.Array("accountsLocked").Select(x => ReadLock(x.Item, x.Path, errors)).OfType<AccountLock>().ToList());
        f.RejectUnknown();
        return changes;
    }

    private static List<string> Strings(JsonFields f, string name, List<InputError> errors) => f.Array(name).Select(x =>
    {
        if (x.Item.ValueKind == JsonValueKind.String) return x.Item.GetString()!;
        errors.Add(new InputError(x.Path, $"must be a string id, not {JsonFields.Describe(x.Item)}"));
        return null;
    }).OfType<string>().ToList();

    private static RepResize? ReadResize(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var resize = new RepResize(new RepId(f.String("repId", required: true) ?? ""), f.Number("capacity", min: 0), f.Integer("maxAccounts", min: 0));
        if (resize.Capacity is null && resize.MaxAccounts is null && !f.Has("capacity") && !f.Has("maxAccounts"))
            f.Error("capacity", "or maxAccounts must be given: a resize changes at least one of them");
        f.RejectUnknown();
        return resize;
    }

    private static AccountLock? ReadLock(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var accountLock = new AccountLock(new AccountId(f.String("accountId", required: true) ?? ""), new RepId(f.String("repId", required: true) ?? ""));
        f.RejectUnknown();
        return accountLock;
    }
}
