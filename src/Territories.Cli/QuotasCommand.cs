using System.CommandLine;
using System.Globalization;
using System.Text;
using Territories.Domain.Contracts;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;

namespace Territories.Cli;

/// <summary><c>territories quotas QUOTA-REQUEST.json [--out QUOTAS.json] [--csv QUOTAS.csv]</c>.</summary>
public static class QuotasCommand
{
    public static Command Create(CliConsole console)
    {
        var requestFile = CliOptions.File("QUOTA-REQUEST.json", "The quota request (contract section 5).");
        var output = CliOptions.Out("the quota plan");
        var csv = CliOptions.Path("--csv", "Also write one row per rep, one column per period, to this CSV file.");
        var command = new Command("quotas", "Split a sales goal into quotas per rep, quarter, month and week.") { requestFile, output, csv };
        command.SetAction(async (parse, cancel) =>
        {
            var request = InputFile.Read(parse.GetValue(requestFile)!, QuotaRequestReader.Read);
            var plan = await LiveProgress.RunAsync(console, "quotas", TimeSpan.FromSeconds(1), text =>
            {
                text.Set($"allocating {request.Reps.Count} reps' quotas");
                return Task.Run(() => QuotaPlanner.Plan(request), CancellationToken.None);
            });
            await Output.WriteAsync(parse.GetValue(output), console.Out, ContractSerializer.Write(plan), cancel);
            if (parse.GetValue(csv) is { } path) await File.WriteAllTextAsync(path, Csv(plan), cancel);
            Summary(plan, console.Error);
            return CliApp.Success;
        });
        return command;
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
        if (plan.OrgUnits.Count == 0) return;
        writer.WriteLine($"{"org unit",-24} {"assigned",14} {"reps' quotas",14}");
        foreach (var unit in plan.OrgUnits)
            writer.WriteLine($"{new string(' ', 2 * unit.Level) + unit.OrgUnitId,-24} {Money(unit.Assigned),14} {Money(unit.Annual),14}");
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
