using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Geo;

namespace Territories.Cli;

/// <summary>
/// <c>territories build-geodata --counties COUNTIES.geojson --cities CITIES.csv --out DIR</c>: the county atlas of
/// <c>data/geo</c> (population estimates, interior points, adjacency) from the files <c>data/geo-extract.cjs</c> writes.
/// </summary>
public static class BuildGeodataCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string> { "--counties", "--cities", "--out" };

    public static async Task<int> RunAsync(CommandLine command, TextWriter stderr, CancellationToken cancel)
    {
        var countiesPath = command.Option("--counties") ?? throw new CommandLineException("build-geodata needs --counties");
        var citiesPath = command.Option("--cities") ?? throw new CommandLineException("build-geodata needs --cities");
        var output = command.Option("--out") ?? throw new CommandLineException("build-geodata needs --out DIR");
        var counties = InputFile.Read(countiesPath, UnitShapes.Read);
        var places = InputFile.Read(citiesPath, ReadPlaces);
        var (atlas, edges) = CountyAtlas.Build(counties, places);
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "us-counties.geojson"), CountyAtlas.WriteGeoJson(atlas), cancel);
        await File.WriteAllTextAsync(Path.Combine(output, "us-county-adjacency.csv"), CountyAtlas.WriteEdgesCsv(edges), cancel);
        await stderr.WriteLineAsync($"{atlas.Count} counties, {edges.Count} neighbour pairs ({edges.Count(e => e.Bridged)} bridged), " +
            $"{places.Count} places, population {atlas.Sum(c => c.Number("population") ?? 0):N0} -> {output}");
        return CliApp.Success;
    }

    /// <summary><c>lat,lon,population</c> with a header row.</summary>
    private static List<PlacePopulation> ReadPlaces(string text)
    {
        var places = new List<PlacePopulation>();
        var errors = new List<InputError>();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length == 3
                && double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
                && double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180
                && long.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out var population))
                places.Add(new PlacePopulation(new GeoPoint(lat, lon), population));
            else errors.Add(new InputError($"line {i + 1}", "must be lat,lon,population"));
        }
        return errors.Count > 0 ? throw new InvalidInputException(errors) : places;
    }
}
