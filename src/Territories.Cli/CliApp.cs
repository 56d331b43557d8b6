using Territories.Domain.Contracts;

namespace Territories.Cli;

/// <summary>The <c>territories</c> command: dispatches to a sub-command and turns every failure into a message and an exit code.</summary>
public static class CliApp
{
    public const int Success = 0;
    public const int NoPlan = 1;
    public const int InvalidInput = 2;
    public const int InternalError = 3;

    public const string Usage = """
        usage:
          territories solve PROBLEM.json [--out PLAN.json] [--time-limit SECONDS] [--map MAP.svg [--units UNITS.geojson]] [--verbose]
          territories map PLAN.json --problem PROBLEM.json [--units UNITS.geojson] --out MAP.svg|PLAN.geojson
          territories quotas QUOTA-REQUEST.json [--out QUOTAS.json] [--csv QUOTAS.csv]
          territories hire HIRING-REQUEST.json [--out HIRING-PLAN.json]
          territories hire-request --book BOOK.json --start 2027-Q1 [--quarters 8] [--growth 0.1] [--out HIRING-REQUEST.json]
          territories generate --accounts N --reps M [--seed S] [--counties COUNTIES.geojson --state FIPS [--exponent E] [--no-skills] [--contiguous]] [--out PROBLEM.json]
          territories generate --realistic --counties COUNTIES.geojson --state FIPS[,FIPS…] --accounts N --reps M [--seed S] [--out PROBLEM.json]
          territories build-geodata --counties COUNTIES.geojson --cities CITIES.csv --out DIR
          territories import-gap INSTANCE [--out PROBLEM.json]

        exit codes: 0 a plan was found; 1 infeasible or no plan in time; 2 invalid input; 3 unexpected error
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        try
        {
            return args switch
            {
                ["solve", .. var rest] => await SolveCommand.RunAsync(CommandLine.Parse(rest, SolveCommand.Options), stdout, stderr, cancel),
                ["generate", .. var rest] => await GenerateCommand.RunAsync(CommandLine.Parse(rest, GenerateCommand.Options), stdout, cancel),
                ["quotas", .. var rest] => await QuotasCommand.RunAsync(CommandLine.Parse(rest, QuotasCommand.Options), stdout, stderr, cancel),
                ["hire", .. var rest] => await HireCommand.RunAsync(CommandLine.Parse(rest, HireCommand.Options), stdout, stderr, cancel),
                ["hire-request", .. var rest] => await HireRequestCommand.RunAsync(CommandLine.Parse(rest, HireRequestCommand.Options), stdout, cancel),
                ["map", .. var rest] => await MapCommand.RunAsync(CommandLine.Parse(rest, MapCommand.Options), stderr, cancel),
                ["build-geodata", .. var rest] => await BuildGeodataCommand.RunAsync(CommandLine.Parse(rest, BuildGeodataCommand.Options), stderr, cancel),
                ["import-gap", .. var rest] => await ImportGapCommand.RunAsync(CommandLine.Parse(rest, ImportGapCommand.Options), stdout, cancel),
                ["--help" or "-h" or "help"] => Help(stdout),
                _ => Fail(stderr, args.Length == 0 ? "no command given" : $"unknown command \"{args[0]}\""),
            };
        }
        catch (CommandLineException e)
        {
            return Fail(stderr, e.Message);
        }
        catch (InvalidInputException e)
        {
            foreach (var error in e.Errors) stderr.WriteLine($"territories: {error}");
            return InvalidInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"territories: unexpected error ({e.GetType().Name}): {e.Message}");
            return InternalError;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return Success;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"territories: {message}");
        stderr.WriteLine(Usage);
        return InvalidInput;
    }
}
