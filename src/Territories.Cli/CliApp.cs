using System.CommandLine;
using System.CommandLine.Help;
using Territories.Domain.Contracts;

namespace Territories.Cli;

/// <summary>
/// The <c>territories</c> command: System.CommandLine parses (help for every command with <c>--help</c>, suggestions
/// for mistyped commands and options); every failure becomes a message and an exit code (contract section 3).
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int NoPlan = 1;
    public const int InvalidInput = 2;
    public const int InternalError = 3;

    private const string Description = """
        Territories plans sales coverage: assigns accounts to reps (solve), splits goals into quotas (quotas), sizes hiring (hire).
        Exit codes: 0 a plan was found; 1 infeasible or no plan in time; 2 invalid input; 3 unexpected error.
        """;

    /// <param name="errorIsTerminal">Standard error is a terminal: progress is one redrawn line instead of plain lines.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default, bool errorIsTerminal = false)
    {
        var root = Root(new CliConsole(stdout, stderr, errorIsTerminal));
        var parse = root.Parse(args is ["help", .. var rest] ? [.. rest, "--help"] : args);
        try
        {
            if (parse.Errors.Count > 0 || parse.CommandResult.Command == root && args.Length == 0)
            {
                // Errors, suggestions for a mistyped name and the usage of the command in error, all on standard error.
                if (args.Length == 0) await stderr.WriteLineAsync("territories: no command given");
                await parse.InvokeAsync(new InvocationConfiguration { Output = stderr, Error = stderr, ProcessTerminationTimeout = null }, cancel);
                return InvalidInput;
            }
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            }, cancel);
        }
        catch (CommandLineException e)
        {
            await stderr.WriteLineAsync($"territories: {e.Message}");
            return InvalidInput;
        }
        catch (InvalidInputException e)
        {
            foreach (var error in e.Errors) await stderr.WriteLineAsync($"territories: {error}");
            return InvalidInput;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"territories: unexpected error ({e.GetType().Name}): {e.Message}");
            return InternalError;
        }
    }

    /// <summary>Named "territories" whatever the host process is called (the tests run it in process).</summary>
    private static Command Root(CliConsole console) => new("territories", Description)
    {
        new HelpOption(),
        new VersionOption(),
        SolveCommand.Create(console),
        MapCommand.Create(console),
        QuotasCommand.Create(console),
        ReliefCommand.Create(console),
        HireCommand.Create(console),
        HireRequestCommand.Create(console),
        GenerateCommand.Create(console),
        BuildGeodataCommand.Create(console),
        ImportGapCommand.Create(console),
        ClassifyCommand.Create(console),
        VisitsCommand.Create(console),
        VisitReportCommand.Create(console),
    };
}
