using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Territories.Geo;

/// <summary>Writes GeoJSON FeatureCollections feature by feature: an id, properties written by the caller, a geometry.</summary>
public sealed class GeoJsonWriter : IDisposable
{
    private readonly MemoryStream _stream = new();
    private readonly Utf8JsonWriter _json;

    public GeoJsonWriter()
    {
        _json = new Utf8JsonWriter(_stream);
        _json.WriteStartObject();
        _json.WriteString("type", "FeatureCollection");
        _json.WriteStartArray("features");
    }

    public void Feature(string? id, Geometry geometry, Action<Utf8JsonWriter> properties)
    {
        _json.WriteStartObject();
        _json.WriteString("type", "Feature");
        if (id is not null) _json.WriteString("id", id);
        _json.WritePropertyName("properties");
        _json.WriteStartObject();
        properties(_json);
        _json.WriteEndObject();
        _json.WritePropertyName("geometry");
        JsonSerializer.Serialize(_json, geometry, UnitShapes.GeometryJson);
        _json.WriteEndObject();
    }

    /// <summary>Closes the collection and answers the document.</summary>
    public string Finish()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        return Encoding.UTF8.GetString(_stream.ToArray());
    }

    public void Dispose()
    {
        _json.Dispose();
        _stream.Dispose();
    }
}
