namespace Territories.Cli;

/// <summary>Where a command's JSON document goes: the file named by <c>--out</c>, or standard output without it.</summary>
public static class Output
{
    public static async Task WriteAsync(CommandLine command, TextWriter stdout, string json, CancellationToken cancel)
    {
        if (command.Option("--out") is { } output) await File.WriteAllTextAsync(output, json + Environment.NewLine, cancel);
        else await stdout.WriteLineAsync(json);
    }
}
