using System.CommandLine;
using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;

namespace Territories.Cli;

/// <summary><c>territories solve PROBLEM.json [--out PLAN.json] [--time-limit SECONDS] [--map MAP.svg [--units UNITS.geojson]] [--verbose]</c>.</summary>
public static class SolveCommand
{
    public static Command Create(CliConsole console)
    {
        var problemFile = CliOptions.File("PROBLEM.json", "The territory problem (contract section 1).");
        var output = CliOptions.Out("the plan");
        var timeLimit = CliOptions.PositiveSeconds("--time-limit", "Stop the search after this many seconds and keep the best plan (default: the problem's options.timeLimitSeconds, else 30).");
        var deterministic = CliOptions.Number("--deterministic-time",
            "Stop CP-SAT after this much deterministic time instead (reproducible with one worker, whatever the machine's load).", value => value > 0, "a positive number");
        var map = CliOptions.Path("--map", "Also draw the plan as an SVG map to this file.");
        var units = CliOptions.Path("--units", "County or unit shapes (GeoJSON) for --map; without it the map shows accounts as points.");
        var verbose = CliOptions.Flag("--verbose", "Log each search phase to standard error.");
        var command = new Command("solve", "Assign accounts to reps: the best plan within the time limit, with its proven bound and gap.")
            { problemFile, output, timeLimit, deterministic, map, units, verbose };
        command.SetAction((parse, cancel) => RunAsync(console, parse.GetValue(problemFile)!, parse.GetValue(output), parse.GetValue(timeLimit),
            parse.GetValue(deterministic), parse.GetValue(map), parse.GetValue(units), parse.GetValue(verbose), cancel));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string path, string? output, double? timeLimit, double? deterministicTime,
        string? map, string? units, bool verbose, CancellationToken cancel)
    {
        var problem = InputFile.Read(path, TerritoryProblemReader.Read);
        if (timeLimit is { } seconds) problem = problem.WithOptions(problem.Options with { TimeLimitSeconds = seconds });

        var solver = new AssignmentSolver(deterministicTime: deterministicTime, log: verbose ? console.Error : null);
        var plan = await LiveProgress.RunAsync(console, "solving", TimeSpan.Zero,
            text => solver.SolveAsync(problem, new SnapshotText(text), cancel));
        await Output.WriteAsync(output, console.Out, ContractSerializer.Write(plan), cancel);
        PlanSummary.Write(plan, console.Error);
        if (map is not null)
        {
            await MapFiles.WriteAsync(map, problem, plan, units, cancel);
            await console.Error.WriteLineAsync($"map written to {map}");
        }
        return plan.Status is PlanStatus.Optimal or PlanStatus.Feasible ? CliApp.Success : CliApp.NoPlan;
    }

    /// <summary>Each better plan as the progress line: best objective, bound, gap and plans found.</summary>
    private sealed class SnapshotText(ProgressText text) : IProgress<PlanSnapshot>
    {
        public void Report(PlanSnapshot s)
        {
            var gap = s.Bound is { } bound ? ((s.Objective - bound) / Math.Max(Math.Abs(s.Objective), 1)).ToString("P2", CultureInfo.InvariantCulture) : "-";
            text.Set(string.Create(CultureInfo.InvariantCulture,
                $"best {Math.Round(s.Objective, 4)}  bound {(s.Bound is { } b ? Math.Round(b, 4).ToString(CultureInfo.InvariantCulture) : "-")}  gap {gap}  plans {s.Solutions} ({s.Source})"));
        }
    }
}
