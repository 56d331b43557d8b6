using System.CommandLine;
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
    public static Command Create(CliConsole console)
    {
        var accounts = CliOptions.Count("--accounts", "How many accounts.", 1, 1_000_000, required: true);
        var reps = CliOptions.Count("--reps", "How many reps.", 1, 100_000, required: true);
        var seed = CliOptions.Count("--seed", "Random seed (default 1); the same seed gives the same book.", 0, int.MaxValue);
        var counties = CliOptions.Path("--counties", "Place the book on these real counties (GeoJSON, e.g. data/geo/us-counties.geojson).");
        var state = CliOptions.Path("--state", "With --counties: the state's FIPS code (e.g. 48 for Texas).");
        var exponent = CliOptions.Number("--exponent", "With --counties: how strongly accounts follow population (default 1).", value => value > 0, "a positive number");
        var noSkills = CliOptions.Flag("--no-skills", "Accounts need no skills.");
        var contiguous = CliOptions.Flag("--contiguous", "With --counties: ask for contiguous territories.");
        var realistic = CliOptions.Flag("--realistic", "With --counties: a rebalancing book over the counties of one or more states (--state 01,13,47) with the realistic recipe.");
        var output = CliOptions.Out("the problem");
        var command = new Command("generate", "Generate a seeded synthetic book of business (a territory problem).")
            { accounts, reps, seed, counties, state, exponent, noSkills, contiguous, realistic, output };
        command.SetAction(async (parse, cancel) =>
        {
            var settings = new SyntheticBookSettings(parse.GetValue(accounts)!.Value, parse.GetValue(reps)!.Value, parse.GetValue(seed) ?? 1,
                Skills: !parse.GetValue(noSkills));
            string State() => parse.GetValue(state) ?? throw new CommandLineException("generate --counties needs --state FIPS (e.g. 48 for Texas)");
            var problem = parse.GetValue(counties) is { } countiesPath
                ? parse.GetValue(realistic)
                    ? RealisticBook.Generate(settings, InputFile.Read(countiesPath, UnitShapes.Read),
                        State().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    : CountyBook.Generate(settings, InputFile.Read(countiesPath, UnitShapes.Read), State(), parse.GetValue(contiguous), parse.GetValue(exponent) ?? 1)
                : parse.GetValue(realistic) ? throw new CommandLineException("generate --realistic needs --counties COUNTIES.geojson (e.g. data/geo/us-counties.geojson)")
                : SyntheticBook.Generate(settings);
            await Output.WriteAsync(parse.GetValue(output), console.Out, TerritoryProblemWriter.Write(problem), cancel);
            return CliApp.Success;
        });
        return command;
    }
}
