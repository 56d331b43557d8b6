using Territories.Domain.Contracts;
using Territories.Domain.Plans;

namespace Territories.Cli;

/// <summary><c>territories map PLAN.json --problem PROBLEM.json [--units UNITS.geojson] --out map.svg|plan.geojson</c>.</summary>
public static class MapCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string> { "--problem", "--units", "--out" };

    public static async Task<int> RunAsync(CommandLine command, TextWriter stderr, CancellationToken cancel)
    {
        var planPath = command.SingleFile("PLAN.json");
        var problemPath = command.Option("--problem") ?? throw new CommandLineException("map needs --problem PROBLEM.json (the problem the plan solves)");
        var output = command.Option("--out") ?? throw new CommandLineException("map needs --out map.svg (or plan.geojson)");
        var problem = InputFile.Read(problemPath, TerritoryProblemReader.Read);
        var plan = InputFile.Read(planPath, PlanReader.Read);
        await MapFiles.WriteAsync(output, problem, plan, command.Option("--units"), cancel);
        await stderr.WriteLineAsync($"map written to {output}");
        return CliApp.Success;
    }
}
