using System.CommandLine;
using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Hiring;
using Territories.Domain.Plans;
using Territories.Planning.Hiring;

namespace Territories.Cli;

/// <summary><c>territories hire HIRING-REQUEST.json [--out HIRING-PLAN.json] [--time-limit SECONDS]</c>.</summary>
public static class HireCommand
{
    public static Command Create(CliConsole console)
    {
        var requestFile = CliOptions.File("HIRING-REQUEST.json", "The hiring request (contract section 6).");
        var output = CliOptions.Out("the hiring plan");
        var timeLimit = CliOptions.PositiveSeconds("--time-limit", "Budget for the plan and its what-ifs together (default: the request's timeLimitSeconds, else 30).");
        var command = new Command("hire", "Size the sales force: who to hire, where and when, at the least cost that covers the most demand.")
            { requestFile, output, timeLimit };
        command.SetAction(async (parse, cancel) =>
        {
            var request = InputFile.Read(parse.GetValue(requestFile)!, HiringRequestReader.Read);
            if (parse.GetValue(timeLimit) is { } seconds) request = request with { TimeLimitSeconds = seconds };
            var plan = await LiveProgress.RunAsync(console, "hiring", TimeSpan.FromSeconds(1),
                text => Task.Run(() => HiringPlanner.Plan(request, text.Set), CancellationToken.None));
            await Output.WriteAsync(parse.GetValue(output), console.Out, ContractSerializer.Write(plan), cancel);
            Summary(plan, console.Error);
            return plan.Status is PlanStatus.Optimal or PlanStatus.Feasible ? CliApp.Success : CliApp.NoPlan;
        });
        return command;
    }

    private static void Summary(HiringPlan plan, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"status {plan.Status.ToString().ToLowerInvariant()}  added cost {plan.Cost:#,0}  hires {plan.Hires.Sum(h => h.Count)}  uncovered {plan.Shortfalls.Sum(s => s.Hours):#,0} hours  time {plan.SolveSeconds:0.0} s"));
        if (plan.Status == PlanStatus.Feasible)
            writer.WriteLine(string.Create(c, $"stopped by the time limit: uncovered proven at least {plan.UncoveredHoursBound:#,0.##} hours; cost gap {(plan.Gap is { } g ? g.ToString("P2", c) : "unknown")}"));
        writer.WriteLine($"{"quarter",-9} {"headcount",9} {"capacity h",11} {"demand h",10} {"coverage",9}");
        foreach (var q in plan.Quarters)
            writer.WriteLine(string.Create(c, $"{q.Quarter,-9} {q.Headcount,9} {q.CapacityHours,11:#,0} {q.DemandHours,10:#,0} {q.Coverage,9:P1}"));
        foreach (var hire in plan.Hires) writer.WriteLine($"hire {hire.Count} x [{string.Join(", ", hire.Skills)}] in {hire.Region}, starting {hire.Quarter}");
        foreach (var s in plan.Shortfalls) writer.WriteLine(string.Create(c, $"shortfall {s.Quarter} {s.Skill}/{s.Region}: {s.Hours:#,0} h ({s.Reason})"));
        foreach (var w in plan.WhatIfs)
            writer.WriteLine(string.Create(c, $"what if {w.Name}: {w.Status.ToString().ToLowerInvariant()}, cost {w.Cost:#,0}, hires {w.Hires}, uncovered {w.ShortfallHours:#,0} h, lowest coverage {w.MinimumCoverage:P1}"));
    }
}

/// <summary><c>territories hire-request --book BOOK.json --start 2027-Q1 [--quarters 8] [--growth 0.1] [--out REQUEST.json]</c>.</summary>
public static class HireRequestCommand
{
    public static Command Create(CliConsole console)
    {
        var book = CliOptions.Path("--book", "The book of business (a territory problem) to derive demand from.", required: true);
        var start = CliOptions.Path("--start", "The first quarter of the horizon, such as 2027-Q1.", required: true);
        var quarters = CliOptions.Count("--quarters", "Quarters in the horizon (default 8).", 1, 40);
        var growth = CliOptions.Number("--growth", "Yearly demand growth, such as 0.1 (default 0).", value => value is > -1 and < 10, "a yearly growth rate such as 0.1");
        var output = CliOptions.Out("the hiring request");
        var command = new Command("hire-request", "Derive a hiring request from a book of business.") { book, start, quarters, growth, output };
        command.SetAction(async (parse, cancel) =>
        {
            if (!Quarter.TryParse(parse.GetValue(start), out var first)) throw new CommandLineException("hire-request needs --start as a quarter such as 2027-Q1");
            var problem = InputFile.Read(parse.GetValue(book)!, TerritoryProblemReader.Read);
            var request = BookDemand.Request(problem, first, parse.GetValue(quarters) ?? 8, parse.GetValue(growth) ?? 0);
            await Output.WriteAsync(parse.GetValue(output), console.Out, ContractSerializer.Write(HiringRequestWriter.Document(request)), cancel);
            return CliApp.Success;
        });
        return command;
    }
}
