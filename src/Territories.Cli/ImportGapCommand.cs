using System.CommandLine;
using Territories.Domain.Contracts;
using Territories.Domain.Samples;

namespace Territories.Cli;

/// <summary><c>territories import-gap INSTANCE [--out PROBLEM.json]</c>: an OR-Library generalised assignment instance as a territory problem.</summary>
public static class ImportGapCommand
{
    public static Command Create(CliConsole console)
    {
        var instance = CliOptions.File("INSTANCE", "An OR-Library generalised assignment instance (gap1 … gap12, a-e types).");
        var output = CliOptions.Out("the problem");
        var command = new Command("import-gap", "Turn an OR-Library generalised assignment instance into a territory problem.") { instance, output };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(instance)!;
            var problem = InputFile.Read(path, text => OrLibraryGap.Read(text, Path.GetFileName(path)));
            await Output.WriteAsync(parse.GetValue(output), console.Out, TerritoryProblemWriter.Write(problem), cancel);
            return CliApp.Success;
        });
        return command;
    }
}
