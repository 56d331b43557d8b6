using System.Globalization;

namespace Territories.Cli;

/// <summary>A sub-command's arguments: positional values and <c>--name value</c> options.</summary>
public sealed class CommandLine
{
    /// <summary>Options that take no value.</summary>
    public static readonly IReadOnlySet<string> Flags = new HashSet<string> { "--verbose", "--no-skills", "--contiguous", "--realistic" };

    private readonly Dictionary<string, string> _options;

    private CommandLine(IReadOnlyList<string> positional, Dictionary<string, string> options)
    {
        Positional = positional;
        _options = options;
    }

    public bool Flag(string name) => _options.ContainsKey(name);

    public IReadOnlyList<string> Positional { get; }

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlySet<string> known)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            if (!known.Contains(args[i])) throw new CommandLineException($"unknown option {args[i]} (known: {string.Join(", ", known)})");
            if (Flags.Contains(args[i]))
            {
                options[args[i]] = "";
                continue;
            }
            if (i + 1 >= args.Count) throw new CommandLineException($"option {args[i]} needs a value");
            options[args[i]] = args[++i];
        }
        return new CommandLine(positional, options);
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public double? PositiveNumber(string name)
    {
        if (Option(name) is not { } text) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0)
            return value;
        throw new CommandLineException($"option {name} must be a positive number of seconds, not \"{text}\"");
    }

    public string SingleFile(string what)
    {
        return Positional.Count switch
        {
            1 => Positional[0],
            0 => throw new CommandLineException($"missing {what}"),
            _ => throw new CommandLineException($"expected one {what}, got {Positional.Count}: {string.Join(" ", Positional)}"),
        };
    }
}

/// <summary>The command line itself is wrong (exit code 2).</summary>
public sealed class CommandLineException(string message) : Exception(message);
