using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Geo;

namespace Territories.Cli;

/// <summary>Writes a plan's SVG map (and GeoJSON when the file name ends in .geojson), with unit shapes when a units file is given.</summary>
public static class MapFiles
{
    public static async Task WriteAsync(string path, TerritoryProblem problem, Plan plan, string? unitsPath, CancellationToken cancel)
    {
        var units = unitsPath is null ? null : InputFile.Read(unitsPath, UnitShapes.Read);
        var text = path.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase)
            ? PlanGeoJson.Write(problem, plan, units)
            : SvgMap.Render(problem, plan, units);
        await File.WriteAllTextAsync(path, text, cancel);
    }
}
