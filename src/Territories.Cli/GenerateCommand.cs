using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Samples;

namespace Territories.Cli;

/// <summary><c>territories generate --accounts N --reps M [--seed S] [--out PROBLEM.json]</c>: a seeded synthetic book of business.</summary>
public static class GenerateCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string> { "--accounts", "--reps", "--seed", "--out" };

    public static async Task<int> RunAsync(CommandLine command, TextWriter stdout, CancellationToken cancel)
    {
        if (command.Positional.Count > 0) throw new CommandLineException($"generate takes no file, got {command.Positional[0]}");
        var settings = new SyntheticBookSettings(
            Count(command, "--accounts", 1, 1_000_000) ?? throw new CommandLineException("generate needs --accounts"),
            Count(command, "--reps", 1, 100_000) ?? throw new CommandLineException("generate needs --reps"),
            Count(command, "--seed", 0, int.MaxValue) ?? 1);
        var json = TerritoryProblemWriter.Write(SyntheticBook.Generate(settings));
        await Output.WriteAsync(command, stdout, json, cancel);
        return CliApp.Success;
    }

    private static int? Count(CommandLine command, string name, int min, int max)
    {
        if (command.Option(name) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new CommandLineException($"option {name} must be a whole number within [{min}, {max}], not \"{text}\"");
    }
}
