namespace Territories.Cli;

/// <summary>Where a command's JSON document goes: the file named by <c>--out</c>, or standard output without it.</summary>
public static class Output
{
    public static async Task WriteAsync(string? outPath, TextWriter stdout, string json, CancellationToken cancel)
    {
        if (outPath is not null) await File.WriteAllTextAsync(outPath, json + Environment.NewLine, cancel);
        else await stdout.WriteLineAsync(json);
    }
}
