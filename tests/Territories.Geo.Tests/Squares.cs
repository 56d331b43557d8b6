using System.Globalization;

namespace Territories.Geo.Tests;

/// <summary>Hand-drawn unit maps as GeoJSON: unit squares of 1 degree, named by row and column.</summary>
internal static class Squares
{
    /// <summary>A 1x1 degree square polygon with its lower-left corner at (col, row) (lon, lat).</summary>
    public static string Square(double col, double row) =>
        string.Create(CultureInfo.InvariantCulture, $"[[[{col},{row}],[{col + 1},{row}],[{col + 1},{row + 1}],[{col},{row + 1}],[{col},{row}]]]");

    public static string Feature(string id, string geometry, string properties = "{}") =>
        $$"""{ "type": "Feature", "id": "{{id}}", "properties": {{properties}}, "geometry": {{geometry}} }""";

    public static string Polygon(double col, double row) => $$"""{ "type": "Polygon", "coordinates": {{Square(col, row)}} }""";

    public static string Collection(IEnumerable<string> features) => $$"""{ "type": "FeatureCollection", "features": [ {{string.Join(",", features)}} ] }""";

    /// <summary>
    /// <code>
    ///   s20 s21 s22
    ///   s10 s11 s12
    ///   s00 s01 s02
    /// </code>
    /// </summary>
    public static string Grid3x3() => Collection(
        from row in Enumerable.Range(0, 3) from col in Enumerable.Range(0, 3) select Feature($"s{row}{col}", Polygon(col, row), $$"""{ "name": "square {{row}}{{col}}" }"""));
}
