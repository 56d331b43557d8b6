using Territories.Domain.Organisation;

namespace Territories.Domain.Contracts;

/// <summary>Reads the <c>orgUnits</c> list that problems, datasets and quota requests share (contract section 8).</summary>
public static class OrgUnitReader
{
    public static IReadOnlyList<OrgUnit> Read(JsonFields parent, List<InputError> errors) =>
        parent.Array("orgUnits").Select(x => Read(x.Item, x.Path, errors)).OfType<OrgUnit>().ToList();

    private static OrgUnit? Read(System.Text.Json.JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var unit = new OrgUnit(f.String("id", required: true) ?? "", f.String("name"), f.String("parentId"));
        f.RejectUnknown();
        return unit;
    }
}
