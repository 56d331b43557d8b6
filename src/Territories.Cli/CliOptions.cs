using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Territories.Cli;

/// <summary>The arguments and options several commands share, each parsed in one place with a message that names it.</summary>
public static class CliOptions
{
    /// <summary>
    /// The one input file of a command (PROBLEM.json, HIRING-REQUEST.json, …). A mistyped option would otherwise be taken
    /// for the file: a value starting with "--" is refused with the nearest option the command has.
    /// </summary>
    public static Argument<string> File(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            if (result.Tokens is not [{ Value: var text }] || !text.StartsWith("--", StringComparison.Ordinal)) return;
            var command = ((System.CommandLine.Parsing.CommandResult)result.Parent!).Command;
            var nearest = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).MinBy(known => Distance(known, text));
            result.AddError($"unknown option {text}" + (nearest is not null && Distance(nearest, text) <= 3 ? $"; did you mean {nearest}?" : ""));
        });
        return argument;
    }

    public static Option<string?> Out(string what) => new("--out") { Description = $"Write {what} to this file instead of standard output." };

    public static Option<string?> Path(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required };

    /// <summary>A positive number of seconds, read in the invariant culture.</summary>
    public static Option<double?> PositiveSeconds(string name, string description) =>
        Number(name, description, value => value > 0, "a positive number of seconds");

    /// <summary>A finite number that <paramref name="accept"/> allows, read in the invariant culture.</summary>
    public static Option<double?> Number(string name, string description, Func<double, bool> accept, string what) => new(name)
    {
        Description = description,
        CustomParser = result => Parse<double>(result, name, text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && accept(value) ? value : null,
            what),
    };

    /// <summary>A whole number within [min, max].</summary>
    public static Option<int?> Count(string name, string description, int min, int max, bool required = false) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result => Parse<int>(result, name, text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null,
            $"a whole number within [{min}, {max}]"),
    };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>Edit distance (insertions, deletions, substitutions) between two option names.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static T? Parse<T>(ArgumentResult result, string name, Func<string, T?> parse, string what) where T : struct
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (parse(text) is { } value) return value;
        result.AddError($"option {name} must be {what}, not \"{text}\"");
        return null;
    }
}

/// <summary>The command line itself is wrong in a way only the command can tell (exit code 2).</summary>
public sealed class CommandLineException(string message) : Exception(message);
