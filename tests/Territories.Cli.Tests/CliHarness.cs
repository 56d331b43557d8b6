using Territories.Cli;

namespace Territories.Cli.Tests;

/// <summary>A throwaway folder for input files, and the CLI run in process with its exit code and both outputs.</summary>
public abstract class CliHarness : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("territories-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string Write(string name, string json)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    protected static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
