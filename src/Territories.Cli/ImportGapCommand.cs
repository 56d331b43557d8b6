using Territories.Domain.Contracts;
using Territories.Domain.Samples;

namespace Territories.Cli;

/// <summary><c>territories import-gap INSTANCE [--out PROBLEM.json]</c>: an OR-Library generalised assignment instance as a territory problem.</summary>
public static class ImportGapCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string> { "--out" };

    public static async Task<int> RunAsync(CommandLine command, TextWriter stdout, CancellationToken cancel)
    {
        var path = command.SingleFile("INSTANCE");
        var problem = InputFile.Read(path, text => OrLibraryGap.Read(text, Path.GetFileName(path)));
        var json = TerritoryProblemWriter.Write(problem);
        await Output.WriteAsync(command, stdout, json, cancel);
        return CliApp.Success;
    }
}
