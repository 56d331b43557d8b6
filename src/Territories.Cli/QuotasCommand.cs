using System.Globalization;
using System.Text;
using Territories.Domain.Contracts;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;

namespace Territories.Cli;

/// <summary><c>territories quotas QUOTA-REQUEST.json [--out QUOTAS.json] [--csv QUOTAS.csv]</c>.</summary>
public static class QuotasCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string> { "--out", "--csv" };

    public static async Task<int> RunAsync(CommandLine command, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var path = command.SingleFile("QUOTA-REQUEST.json");
        var request = InputFile.Read(path, QuotaRequestReader.Read);
        var plan = QuotaPlanner.Plan(request);
        var json = ContractSerializer.Write(plan);
        await Output.WriteAsync(command, stdout, json, cancel);
        if (command.Option("--csv") is { } csv) await File.WriteAllTextAsync(csv, Csv(plan), cancel);
        Summary(plan, stderr);
        return CliApp.Success;
    }

    /// <summary>One row per rep, one column per period: quarters, then months, then weeks.</summary>
    public static string Csv(QuotaPlan plan)
    {
        var text = new StringBuilder();
        var periods = plan.Periods.Select(p => p.Id).ToList();
        text.AppendLine(string.Join(",", new[] { "repId", "annual" }.Concat(periods)));
        foreach (var rep in plan.Reps)
        {
            var amounts = rep.Quarters.Concat(rep.Months).Concat(rep.Weeks).ToDictionary(a => a.Period, a => a.Amount);
            var cells = new[] { Quote(rep.RepId.Value), Money(rep.Annual) }.Concat(periods.Select(p => Money(amounts.GetValueOrDefault(p))));
            text.AppendLine(string.Join(",", cells));
        }
        return text.ToString();
    }

    private static void Summary(QuotaPlan plan, TextWriter writer)
    {
        writer.WriteLine($"goal {Money(plan.Goal)} {plan.Currency}, quotas total {Money(plan.Total)} over {plan.Reps.Count} reps");
        foreach (var diagnostic in plan.Diagnostics) writer.WriteLine($"{diagnostic.Code}: {diagnostic.Message}");
        var quarters = plan.Periods.Where(p => p.Kind == "quarter").Select(p => p.Id).ToList();
        writer.WriteLine($"{"rep",-16} {"annual",14} " + string.Join(" ", quarters.Select(q => $"{q,14}")));
        foreach (var rep in plan.Reps)
            writer.WriteLine($"{rep.RepId.Value,-16} {Money(rep.Annual),14} " + string.Join(" ", rep.Quarters.Select(q => $"{Money(q.Amount),14}")));
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
