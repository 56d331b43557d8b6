using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Hiring;
using Territories.Planning.Hiring;

namespace Territories.Cli;

/// <summary><c>territories hire HIRING-REQUEST.json [--out HIRING-PLAN.json]</c>.</summary>
public static class HireCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string> { "--out" };

    public static async Task<int> RunAsync(CommandLine command, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var request = InputFile.Read(command.SingleFile("HIRING-REQUEST.json"), HiringRequestReader.Read);
        var plan = HiringPlanner.Plan(request);
        var json = ContractSerializer.Write(plan);
        await Output.WriteAsync(command, stdout, json, cancel);
        Summary(plan, stderr);
        return plan.Status is Domain.Plans.PlanStatus.Optimal or Domain.Plans.PlanStatus.Feasible ? CliApp.Success : CliApp.NoPlan;
    }

    private static void Summary(HiringPlan plan, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"status {plan.Status.ToString().ToLowerInvariant()}  added cost {plan.Cost:#,0}  hires {plan.Hires.Sum(h => h.Count)}  uncovered {plan.Shortfalls.Sum(s => s.Hours):#,0} hours"));
        writer.WriteLine($"{"quarter",-9} {"headcount",9} {"capacity h",11} {"demand h",10} {"coverage",9}");
        foreach (var q in plan.Quarters)
            writer.WriteLine(string.Create(c, $"{q.Quarter,-9} {q.Headcount,9} {q.CapacityHours,11:#,0} {q.DemandHours,10:#,0} {q.Coverage,9:P1}"));
        foreach (var hire in plan.Hires) writer.WriteLine($"hire {hire.Count} x [{string.Join(", ", hire.Skills)}] in {hire.Region}, starting {hire.Quarter}");
        foreach (var s in plan.Shortfalls) writer.WriteLine(string.Create(c, $"shortfall {s.Quarter} {s.Skill}/{s.Region}: {s.Hours:#,0} h ({s.Reason})"));
        foreach (var w in plan.WhatIfs)
            writer.WriteLine(string.Create(c, $"what if {w.Name}: cost {w.Cost:#,0}, hires {w.Hires}, uncovered {w.ShortfallHours:#,0} h, lowest coverage {w.MinimumCoverage:P1}"));
    }
}

/// <summary><c>territories hire-request --book BOOK.json --start 2027-Q1 [--quarters 8] [--growth 0.1] [--out REQUEST.json]</c>.</summary>
public static class HireRequestCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string> { "--book", "--start", "--quarters", "--growth", "--out" };

    public static async Task<int> RunAsync(CommandLine command, TextWriter stdout, CancellationToken cancel)
    {
        var bookPath = command.Option("--book") ?? throw new CommandLineException("hire-request needs --book BOOK.json");
        if (!Quarter.TryParse(command.Option("--start"), out var start)) throw new CommandLineException("hire-request needs --start as a quarter such as 2027-Q1");
        var quarters = int.TryParse(command.Option("--quarters") ?? "8", NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is > 0 and <= 40 ? q
            : throw new CommandLineException("option --quarters must be a whole number within [1, 40]");
        var growth = double.TryParse(command.Option("--growth") ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture, out var g) && g is > -1 and < 10 ? g
            : throw new CommandLineException("option --growth must be a yearly growth rate such as 0.1");
        var book = InputFile.Read(bookPath, TerritoryProblemReader.Read);
        var json = ContractSerializer.Write(HiringRequestWriter.Document(BookDemand.Request(book, start, quarters, growth)));
        await Output.WriteAsync(command, stdout, json, cancel);
        return CliApp.Success;
    }
}
