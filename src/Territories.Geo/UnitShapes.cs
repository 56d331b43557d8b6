using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Territories.Domain.Contracts;
using Territories.Domain.Model;

namespace Territories.Geo;

/// <summary>A geographic unit's shape (longitude as X, latitude as Y, WGS 84) with its GeoJSON properties.</summary>
/// <param name="Properties">The feature's properties as JSON values (numbers stay numbers, strings strings).</param>
public sealed record UnitShape(UnitId Id, Geometry Geometry, IReadOnlyDictionary<string, JsonElement> Properties)
{
    public string? Text(string property) =>
        Properties.TryGetValue(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public double? Number(string property) =>
        Properties.TryGetValue(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}

/// <summary>
/// Reads units from a GeoJSON FeatureCollection of Polygon or MultiPolygon features whose <c>id</c> (or, failing that,
/// <c>properties.id</c>) is the unit id; every problem is reported with its path, such as <c>features[12].geometry</c>.
/// </summary>
public static class UnitShapes
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Options that read and write GeoJSON geometries.</summary>
    public static readonly JsonSerializerOptions GeometryJson = CreateOptions();

    public static IReadOnlyList<UnitShape> Read(string geoJson) => ContractJson.Read(geoJson, Read);

    public static IReadOnlyList<UnitShape>? Read(JsonElement root, List<InputError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.GetString() != "FeatureCollection")
        {
            errors.Add(new InputError("type", "must be \"FeatureCollection\""));
            return null;
        }
        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new InputError("features", "must be an array of features"));
            return null;
        }
        var units = new List<UnitShape>();
        var seen = new Dictionary<string, int>();
        var i = 0;
        foreach (var feature in features.EnumerateArray())
        {
            if (ReadFeature(feature, $"features[{i}]", errors) is { } unit)
            {
                if (seen.TryGetValue(unit.Id.Value, out var first)) errors.Add(new InputError($"features[{i}].id", $"duplicate unit id \"{unit.Id}\" (first at features[{first}])"));
                else
                {
                    seen[unit.Id.Value] = i;
                    units.Add(unit);
                }
            }
            i++;
        }
        return errors.Count > 0 ? null : units;
    }

    private static UnitShape? ReadFeature(JsonElement feature, string path, List<InputError> errors)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new InputError(path, "must be a feature object"));
            return null;
        }
        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone())
            : new Dictionary<string, JsonElement>();
        var id = IdOf(feature) ?? (properties.TryGetValue("id", out var pid) ? IdText(pid) : null);
        if (id is null) errors.Add(new InputError($"{path}.id", "is required: the unit id, as a string or number"));
        Geometry? geometry = null;
        if (!feature.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
            errors.Add(new InputError($"{path}.geometry", "is required"));
        else
        {
            try
            {
                geometry = g.Deserialize<Geometry>(GeometryJson);
            }
            catch (JsonException e)
            {
                errors.Add(new InputError($"{path}.geometry", $"is not valid GeoJSON: {e.Message}"));
            }
            if (geometry is not null and not (Polygon or MultiPolygon))
                errors.Add(new InputError($"{path}.geometry", $"must be a Polygon or MultiPolygon, not {geometry.GeometryType}"));
        }
        return id is null || geometry is not (Polygon or MultiPolygon) ? null : new UnitShape(new UnitId(id), geometry, properties);
    }

    private static string? IdOf(JsonElement feature) => feature.TryGetProperty("id", out var id) ? IdText(id) : null;

    private static string? IdText(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => id.GetString(),
        JsonValueKind.Number => id.GetRawText(),
        _ => null,
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(Factory));
        return options;
    }

    internal static string Format(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
