using System.CommandLine;
using Territories.Domain.Actuals;
using Territories.Domain.Contracts;
using Territories.Domain.Quotas;
using Territories.Domain.Visits;

namespace Territories.Cli;

/// <summary>
/// <c>territories visit-report BOOK.json --log LOG.json --week 2027-W03 [--policy POLICY.json] [--quotas QUOTAS.json]
/// [--moves MOVES.json] [--out F]</c>: the weekly plan-against-actual report offline, as the service answers it. Owners are
/// the book's current reps, changed from each move's day by <c>--moves</c> (the file <c>territories relief</c> reads), which
/// also relieve <c>--quotas</c> before the week's quota is read.
/// </summary>
public static class VisitReportCommand
{
    public static Command Create(CliConsole console)
    {
        var bookFile = CliOptions.File("BOOK.json", "The book: a territory problem (contract section 1) with tiers and, optionally, orgUnits.");
        var log = CliOptions.Path("--log", "The visits and sales logged: { \"visits\": [{ date, accountId, repId, outcome, sale?, note? }] }.", required: true);
        var week = new Option<string>("--week") { Description = "The ISO week to report, such as 2027-W03.", Required = true };
        var policy = CliOptions.Path("--policy", "The visit policy (contract section 9): planned visits and overdue accounts.");
        var quotas = CliOptions.Path("--quotas", "The quota plan in force (written by territories quotas): sales against the week's quota.");
        var moves = CliOptions.Path("--moves", "Published moves (as for territories relief): owners change from each move's day, and the quota plan is relieved.");
        var output = CliOptions.Out("the report");
        var command = new Command("visit-report", "Planned vs done visits by tier, new prospects, credited sales against quota and overdue accounts of a week, per rep and org unit.")
            { bookFile, log, week, policy, quotas, moves, output };
        command.SetAction(async (parse, cancel) =>
        {
            var weekText = parse.GetValue(week)!;
            var monday = WeeklyReportBuilder.MondayOf(weekText) ?? throw new CommandLineException($"option --week must be an ISO week such as 2027-W03, not \"{weekText}\"");
            var book = InputFile.Read(parse.GetValue(bookFile)!, TerritoryProblemReader.Read);
            var reader = new LoggedVisitReader(book.Accounts.Select(a => a.Id.Value).ToHashSet(), book.Reps.Select(r => r.Id.Value).ToHashSet());
            var entries = InputFile.Read(parse.GetValue(log)!, reader.ReadLog);
            var moveList = parse.GetValue(moves) is { } movesPath ? InputFile.Read(movesPath, QuotaMovesReader.Read) : [];
            var owners = new OwnerTimeline(book.Accounts.Select(a => (a.Id.Value, a.CurrentRepId?.Value)),
                moveList.OrderBy(m => m.Effective).Select((m, i) => new OwnerChangeOn(m.AccountId, m.Effective, m.ToRepId.Value, m.FromRepId.Value, i + 1)));
            var plan = parse.GetValue(quotas) is { } quotasPath ? InputFile.Read(quotasPath, json => PlanReader.Read<QuotaPlan>(json, "a quota plan")) : null;
            if (plan is not null && moveList.Count > 0) plan = ReliefCommand.Relieve(plan, moveList, parse.GetValue(moves)!).Plan;
            var visitPolicy = parse.GetValue(policy) is { } policyPath ? InputFile.Read(policyPath, VisitPolicyReader.Read) : null;
            var stored = entries.Select((v, i) => new StoredVisit($"{i + 1}", v, null, DateTimeOffset.UnixEpoch)).ToList();
            var report = WeeklyReportBuilder.Build(weekText, monday, new WeeklyReportInputs(book, owners, stored.Where(v => v.Visit.Date <= monday.AddDays(6)).ToList(), visitPolicy, plan));
            await Output.WriteAsync(parse.GetValue(output), console.Out, ContractSerializer.Write(report), cancel);
            console.Error.WriteLine($"{weekText}: {report.Team.Done} of {report.Team.Planned} planned visits done, {report.Team.NewProspectsVisited} new prospect(s), sales {report.Team.Sales:0.##}{(report.Team.Quota is { } q ? $" of {q:0.##}" : "")}, {report.Team.Overdue} account(s) overdue");
            return CliApp.Success;
        });
        return command;
    }
}
