using System.CommandLine;
using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Geo;
using Territories.Domain.Visits;
using Territories.Planning.Visits;

namespace Territories.Cli;

/// <summary><c>territories visits PLAN.json --problem PROBLEM.json --policy POLICY.json --from 2027-01-04 --weeks 4 [--out VISITS.json]</c>.</summary>
public static class VisitsCommand
{
    public static Command Create(CliConsole console)
    {
        var planFile = CliOptions.File("PLAN.json", "A plan written by solve: which rep owns which account.");
        var problemFile = CliOptions.Path("--problem", "The problem the plan solves (reps' homes, accounts' locations, tiers, opening hours, appointments).", required: true);
        var policyFile = CliOptions.Path("--policy", "The visit policy (contract section 9).", required: true);
        var from = new Option<string>("--from") { Description = "First day of the period, yyyy-MM-dd.", Required = true };
        var weeks = CliOptions.Count("--weeks", "Weeks in the period (default 4).", 1, VisitInputs.MaxWeeks);
        var output = CliOptions.Out("the visit plan");
        var maps = CliOptions.Path("--maps", "Also write a map of each rep's day to this folder: REP-DATE.svg and REP-DATE.geojson.");
        var calendars = CliOptions.Path("--ics", "Also write each rep's weeks as iCalendar files to this folder: REP-WEEK.ics.");
        var command = new Command("visits", "Plan each rep's visits as daily routes over a period of weeks.") { planFile, problemFile, policyFile, from, weeks, output, maps, calendars };
        command.SetAction(async (parse, cancel) =>
        {
            var start = DateOnly.TryParseExact(parse.GetValue(from), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day : throw new CommandLineException($"option --from must be a date yyyy-MM-dd, not \"{parse.GetValue(from)}\"");
            var problem = InputFile.Read(parse.GetValue(problemFile)!, TerritoryProblemReader.Read);
            var plan = InputFile.Read(parse.GetValue(planFile)!, PlanReader.Read);
            var policy = InputFile.Read(parse.GetValue(policyFile)!, VisitPolicyReader.Read);
            var period = parse.GetValue(weeks) ?? 4;
            var repOf = VisitInputs.Check(problem, plan.Assignments.Select(a => (a.AccountId, a.RepId)), policy, period);
            var visits = await LiveProgress.RunAsync(console, "visits", TimeSpan.FromSeconds(1), text =>
            {
                text.Set($"routing {repOf.Values.Distinct().Count()} reps over {period} weeks");
                return Task.Run(() => VisitPlanner.Plan(problem, repOf, policy, start, period), CancellationToken.None);
            });
            await Output.WriteAsync(parse.GetValue(output), console.Out, ContractSerializer.Write(visits), cancel);
            if (parse.GetValue(maps) is { } mapFolder) await WriteMapsAsync(mapFolder, problem, visits, cancel);
            if (parse.GetValue(calendars) is { } icsFolder) await WriteCalendarsAsync(icsFolder, problem, visits, cancel);
            Summary(visits, console.Error);
            return CliApp.Success;
        });
        return command;
    }

    private static async Task WriteMapsAsync(string folder, TerritoryProblem problem, VisitPlan plan, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        foreach (var rep in plan.Reps)
            foreach (var day in rep.Days)
            {
                var name = Path.Combine(folder, $"{rep.RepId}-{day.Date:yyyy-MM-dd}");
                await File.WriteAllTextAsync(name + ".svg", RouteMap.Svg(problem, rep.RepId, day), cancel);
                await File.WriteAllTextAsync(name + ".geojson", RouteMap.GeoJson(problem, rep.RepId, day), cancel);
            }
    }

    private static async Task WriteCalendarsAsync(string folder, TerritoryProblem problem, VisitPlan plan, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        foreach (var rep in plan.Reps)
            foreach (var week in rep.Days.GroupBy(d => ISOWeek.GetWeekOfYear(d.Date.ToDateTime(TimeOnly.MinValue))))
            {
                var year = ISOWeek.GetYear(week.First().Date.ToDateTime(TimeOnly.MinValue));
                var ics = VisitCalendar.Write(rep.RepId, week, DateTimeOffset.UtcNow, id => problem.Accounts[problem.AccountIndexOf(id)].Name);
                await File.WriteAllTextAsync(Path.Combine(folder, $"{rep.RepId}-{year}-W{week.Key:00}.ics"), ics, cancel);
            }
    }

    private static void Summary(VisitPlan plan, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"visits required {plan.Required}  planned {plan.Planned}  unplanned {plan.Unplanned.Count}  time {plan.SolveSeconds:0.0} s"));
        writer.WriteLine($"{"rep",-12} {"days",5} {"visits",7} {"km",9} {"work h",7} {"longest day",12}");
        foreach (var rep in plan.Reps)
        {
            var longest = rep.Days.Select(d => d.WorkMinutes).DefaultIfEmpty(0).Max();
            writer.WriteLine(string.Create(c, $"{rep.RepId.Value,-12} {rep.Days.Count,5} {rep.Days.Sum(d => d.Stops.Count),7} {rep.Days.Sum(d => d.TravelKm),9:#,0} {rep.Days.Sum(d => d.WorkMinutes) / 60.0,7:0.0} {longest / 60.0,9:0.0} h"));
        }
        foreach (var group in plan.Unplanned.GroupBy(u => u.Reason))
            writer.WriteLine($"unplanned {group.Key}: {group.Count()} (e.g. {group.First().AccountId}: {group.First().Message})");
    }
}
