namespace Territories.Load;

/// <summary>
/// The load test's command line. By default it starts the Release build of the service itself on a loopback port with
/// a fresh SQLite store (so it can read the process's resident memory); <c>--url</c> drives a service already running instead.
/// </summary>
public sealed record LoadOptions(
    string ServiceDll, int Port, string? Url, string? Key, string? Postgres, IReadOnlyList<string> Parts, IReadOnlyList<(string Name, string Value)> Environment,
    int Accounts, int BodyMegabytes, double SolveSeconds, int Runs, double PageSeconds)
{
    public const string Usage = """
        territories-load [--service PATH/Territories.Api.dll | --url http://HOST:PORT] [--port 5790] [--key API-KEY]
                         [--postgres CONNECTION-STRING] [--env NAME=VALUE]... [--parts solves,pages,bodies,idle,hostile]
                         [--accounts 60000] [--body-mb 60] [--solve-seconds 20] [--runs 60] [--page-seconds 10]
        """;

    public static readonly string[] AllParts = ["solves", "pages", "bodies", "idle", "hostile"];

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, List<string>>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"unexpected argument \"{args[i]}\"\n{Usage}");
            if (!values.TryGetValue(args[i], out var list)) values[args[i]] = list = [];
            list.Add(args[++i]);
        }
        string? One(string name) => values.TryGetValue(name, out var v) ? v[^1] : null;
        double Number(string name, double fallback) => One(name) is { } s ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var known = new[] { "--service", "--port", "--url", "--key", "--postgres", "--env", "--parts", "--accounts", "--body-mb", "--solve-seconds", "--runs", "--page-seconds" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown) throw new ArgumentException($"unknown option {unknown}\n{Usage}");
        var parts = One("--parts")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? AllParts;
        if (parts.FirstOrDefault(p => !AllParts.Contains(p)) is { } badPart) throw new ArgumentException($"unknown part \"{badPart}\"; the parts are {string.Join(", ", AllParts)}");
        return new LoadOptions(
            One("--service") ?? Path.Combine("src", "Territories.Api", "bin", "Release", "net10.0", "linux-x64", "Territories.Api.dll"),
            (int)Number("--port", 5790), One("--url"), One("--key"), One("--postgres"), parts,
            (values.GetValueOrDefault("--env") ?? []).Select(e => e.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : "")).ToList(),
            (int)Number("--accounts", 60_000), (int)Number("--body-mb", 60), Number("--solve-seconds", 20), (int)Number("--runs", 60), Number("--page-seconds", 10));
    }
}
