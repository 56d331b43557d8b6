using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Samples;
using Territories.Geo;

namespace Territories.Cli;

/// <summary>
/// <c>territories generate --accounts N --reps M [--seed S] [--counties COUNTIES.geojson --state FIPS [--exponent E]
/// [--no-skills] [--contiguous]] [--out PROBLEM.json]</c>: a seeded synthetic book of business, on the north-east's cities or on real
/// counties (see <see cref="CountyBook"/>); with <c>--realistic</c> a rebalancing book over the counties of one or more states
/// (<c>--state 01,13,47</c>) with the realistic recipe (see <see cref="RealisticBook"/>).
/// </summary>
public static class GenerateCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string>
        { "--accounts", "--reps", "--seed", "--out", "--counties", "--state", "--exponent", "--no-skills", "--contiguous", "--realistic" };

    public static async Task<int> RunAsync(CommandLine command, TextWriter stdout, CancellationToken cancel)
    {
        if (command.Positional.Count > 0) throw new CommandLineException($"generate takes no file, got {command.Positional[0]}");
        var settings = new SyntheticBookSettings(
            Count(command, "--accounts", 1, 1_000_000) ?? throw new CommandLineException("generate needs --accounts"),
            Count(command, "--reps", 1, 100_000) ?? throw new CommandLineException("generate needs --reps"),
            Count(command, "--seed", 0, int.MaxValue) ?? 1,
            Skills: !command.Flag("--no-skills"));
        var problem = command.Option("--counties") is { } counties
            ? command.Flag("--realistic")
                ? RealisticBook.Generate(settings, InputFile.Read(counties, UnitShapes.Read), States(command))
                : CountyBook.Generate(settings, InputFile.Read(counties, UnitShapes.Read), State(command), command.Flag("--contiguous"),
                    command.PositiveNumber("--exponent") ?? 1)
            : command.Flag("--realistic") ? throw new CommandLineException("generate --realistic needs --counties COUNTIES.geojson (e.g. data/geo/us-counties.geojson)")
            : SyntheticBook.Generate(settings);
        var json = TerritoryProblemWriter.Write(problem);
        await Output.WriteAsync(command, stdout, json, cancel);
        return CliApp.Success;
    }

    private static string State(CommandLine command) =>
        command.Option("--state") ?? throw new CommandLineException("generate --counties needs --state FIPS (e.g. 48 for Texas)");

    private static string[] States(CommandLine command) =>
        State(command).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static int? Count(CommandLine command, string name, int min, int max)
    {
        if (command.Option(name) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new CommandLineException($"option {name} must be a whole number within [{min}, {max}], not \"{text}\"");
    }
}
