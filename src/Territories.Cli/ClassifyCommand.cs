using System.CommandLine;
using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Visits;

namespace Territories.Cli;

/// <summary><c>territories classify BOOK.json [--by potential|revenue|blend] [--potential-weight W] [--a 0.8] [--b 0.95] [--out F] [--book-out F]</c>.</summary>
public static class ClassifyCommand
{
    public static Command Create(CliConsole console)
    {
        var bookFile = CliOptions.File("BOOK.json", "The book: a territory problem (contract section 1).");
        var by = new Option<string?>("--by") { Description = "Rank accounts by potential (default), revenue or blend." };
        var weight = CliOptions.Number("--potential-weight", "With --by blend: value = w x potential + (1 - w) x revenue (default 0.5).", w => w is >= 0 and <= 1, "a number within [0, 1]");
        var a = CliOptions.Number("--a", "Tier A until the cumulative share of value reaches this (default 0.8).", v => v is >= 0 and <= 1, "a number within [0, 1]");
        var b = CliOptions.Number("--b", "Tier B until the cumulative share of value reaches this (default 0.95).", v => v is >= 0 and <= 1, "a number within [0, 1]");
        var output = CliOptions.Out("the classification");
        var bookOut = CliOptions.Path("--book-out", "Also write the book with each account's tier set to its class, ready for a visit policy.");
        var command = new Command("classify", "Classify accounts into Pareto tiers A, B, C and prospects, with the reason per account.")
            { bookFile, by, weight, a, b, output, bookOut };
        command.SetAction(async (parse, cancel) =>
        {
            var d = ClassificationOptions.Default;
            var value = parse.GetValue(by) is { } text
                ? ClassificationReader.ParseValue(text) ?? throw new CommandLineException($"option --by must be potential, revenue or blend, not \"{text}\"")
                : d.By;
            var options = ClassificationReader.Create(value, parse.GetValue(weight) ?? d.PotentialWeight, parse.GetValue(a) ?? d.A, parse.GetValue(b) ?? d.B);
            var book = InputFile.Read(parse.GetValue(bookFile)!, TerritoryProblemReader.Read);
            var classification = Classifier.Classify(book.Accounts, options);
            await Output.WriteAsync(parse.GetValue(output), console.Out, ContractSerializer.Write(classification), cancel);
            if (parse.GetValue(bookOut) is { } path)
            {
                var classified = TerritoryProblem.Create(book.Reps, Classifier.Apply(book.Accounts, classification), book.Options, book.Pairs, book.Units, book.Name);
                await File.WriteAllTextAsync(path, TerritoryProblemWriter.Write(classified) + Environment.NewLine, cancel);
            }
            Summary(classification, console.Error);
            return CliApp.Success;
        });
        return command;
    }

    private static void Summary(Classification classification, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        var total = classification.Accounts.Where(t => t.Rank is not null).Sum(t => t.Value);
        writer.WriteLine($"{"tier",-9} {"accounts",9} {"value",18} {"share",7}");
        foreach (var tier in Classifier.TierNames)
        {
            var value = classification.Accounts.Where(t => t.Tier == tier).Sum(t => t.Value);
            var share = tier == Classifier.Prospect || total == 0 ? "" : (value / total).ToString("P1", c);
            writer.WriteLine(string.Create(c, $"{tier,-9} {classification.Tiers[tier],9} {value,18:#,0} {share,7}"));
        }
    }
}
