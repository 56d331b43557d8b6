using System.CommandLine;
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
    public static Command Create(CliConsole console)
    {
        var counties = CliOptions.Path("--counties", "County boundaries as GeoJSON (written by data/geo-extract.cjs).", required: true);
        var cities = CliOptions.Path("--cities", "Places as lat,lon,population CSV with a header row.", required: true);
        var output = CliOptions.Path("--out", "The folder to write us-counties.geojson and us-county-adjacency.csv to.", required: true);
        var command = new Command("build-geodata", "Build the county atlas of data/geo (population, interior points, adjacency).") { counties, cities, output };
        command.SetAction((parse, cancel) => RunAsync(console.Error, parse.GetValue(counties)!, parse.GetValue(cities)!, parse.GetValue(output)!, cancel));
        return command;
    }

    private static async Task<int> RunAsync(TextWriter stderr, string countiesPath, string citiesPath, string output, CancellationToken cancel)
    {
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
