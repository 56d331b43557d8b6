using System.CommandLine;
using Territories.Domain.Contracts;

namespace Territories.Cli;

/// <summary><c>territories map PLAN.json --problem PROBLEM.json [--units UNITS.geojson] --out map.svg|plan.geojson</c>.</summary>
public static class MapCommand
{
    public static Command Create(CliConsole console)
    {
        var planFile = CliOptions.File("PLAN.json", "A plan written by solve.");
        var problemFile = CliOptions.Path("--problem", "The problem the plan solves.", required: true);
        var units = CliOptions.Path("--units", "County or unit shapes (GeoJSON).");
        var output = CliOptions.Path("--out", "map.svg for an SVG map, or plan.geojson for GeoJSON.", required: true);
        var command = new Command("map", "Draw a plan as an SVG map or GeoJSON.") { planFile, problemFile, units, output };
        command.SetAction(async (parse, cancel) =>
        {
            var problem = InputFile.Read(parse.GetValue(problemFile)!, TerritoryProblemReader.Read);
            var plan = InputFile.Read(parse.GetValue(planFile)!, PlanReader.Read);
            var path = parse.GetValue(output)!;
            await MapFiles.WriteAsync(path, problem, plan, parse.GetValue(units), cancel);
            await console.Error.WriteLineAsync($"map written to {path}");
            return CliApp.Success;
        });
        return command;
    }
}
