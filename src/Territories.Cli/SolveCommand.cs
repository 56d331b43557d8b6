using Territories.Domain.Contracts;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;

namespace Territories.Cli;

/// <summary><c>territories solve PROBLEM.json [--out PLAN.json] [--time-limit SECONDS] [--map MAP.svg [--units UNITS.geojson]] [--verbose]</c>.</summary>
public static class SolveCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string> { "--out", "--time-limit", "--verbose", "--map", "--units" };

    public static async Task<int> RunAsync(CommandLine command, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var path = command.SingleFile("PROBLEM.json");
        var timeLimit = command.PositiveNumber("--time-limit");
        var problem = InputFile.Read(path, TerritoryProblemReader.Read);
        if (timeLimit is { } seconds) problem = problem.WithOptions(problem.Options with { TimeLimitSeconds = seconds });

        var plan = await new AssignmentSolver(log: command.Flag("--verbose") ? stderr : null).SolveAsync(problem, null, cancel);
        var json = ContractSerializer.Write(plan);
        await Output.WriteAsync(command, stdout, json, cancel);
        PlanSummary.Write(plan, stderr);
        if (command.Option("--map") is { } map)
        {
            await MapFiles.WriteAsync(map, problem, plan, command.Option("--units"), cancel);
            await stderr.WriteLineAsync($"map written to {map}");
        }
        return plan.Status is PlanStatus.Optimal or PlanStatus.Feasible ? CliApp.Success : CliApp.NoPlan;
    }
}
