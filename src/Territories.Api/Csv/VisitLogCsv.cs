using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Territories.Domain.Actuals;
using Territories.Domain.Contracts;

namespace Territories.Api.Csv;

/// <summary>
/// The visit log as a spreadsheet, <c>visits.csv</c> with the columns of <see cref="Columns"/> (header row required, any order,
/// empty cell = not given): each row passes the same reader as the JSON entry, so errors come back as
/// <c>visits.csv[row 3].date</c>, counting rows as a spreadsheet shows them. And the weekly report as CSV: one row for the
/// team, each org unit and each rep (<c>within</c>: a unit's parent, a rep's unit).
/// </summary>
public static class VisitLogCsv
{
    public static readonly string[] Columns = ["date", "accountId", "repId", "outcome", "sale", "note"];

    public static IReadOnlyList<LoggedVisit> Read(string text, LoggedVisitReader reader)
    {
        var errors = new List<InputError>();
        var rows = DatasetCsv.ReadRows("visits.csv", text, Columns, ["date", "accountId", "repId", "outcome"], c => DatasetCsv.Without(new JsonObject
        {
            ["date"] = c.Text("date"), ["accountId"] = c.Text("accountId"), ["repId"] = c.Text("repId"), ["outcome"] = c.Text("outcome"),
            ["sale"] = c.Number("sale"), ["note"] = c.Text("note"),
        }), errors);
        if (errors.Count > 0) throw new InvalidInputException(errors);
        var visits = rows.Select(r => reader.Read(JsonSerializer.SerializeToElement(r.Item), $"visits.csv[row {r.Row}]", errors)).ToList();
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return visits.Select(v => v!).ToList();
    }

    public static string WriteReport(WeeklyReport report)
    {
        var tiers = report.Team.Tiers.Select(t => t.Tier).ToList();
        var columns = new[] { "week", "scope", "id", "name", "within", "level", "planned", "done" }
            .Concat(tiers.SelectMany(t => new[] { $"planned{t}", $"done{t}" }))
            .Concat(["newProspectsVisited", "sales", "quota", "attainment", "overdue"]).ToList();
        string?[] Row(string scope, string id, string? name, string? unit, int? level, WeekTotals totals) =>
            new[] { report.Week, scope, DatasetCsv.Text(id), DatasetCsv.Text(name), DatasetCsv.Text(unit), level?.ToString(CultureInfo.InvariantCulture),
                    Whole(totals.Planned), Whole(totals.Done) }
                .Concat(tiers.SelectMany(t => totals.Tiers.FirstOrDefault(x => x.Tier == t) is { } c ? new[] { Whole(c.Planned), Whole(c.Done) } : ["0", "0"]))
                .Concat([Whole(totals.NewProspectsVisited), Money(totals.Sales), totals.Quota is { } q ? Money(q) : null,
                         totals.Attainment?.ToString("0.####", CultureInfo.InvariantCulture), Whole(totals.Overdue)]).ToArray();
        var rows = new[] { Row("team", "team", null, null, null, report.Team) }
            .Concat(report.OrgUnits.Select(u => Row("unit", u.OrgUnitId, u.Name, u.ParentId, u.Level, u.Totals)))
            .Concat(report.Reps.Select(r => Row("rep", r.RepId, r.Name, r.OrgUnitId, null, r.Totals)));
        return DatasetCsv.Write(columns, rows);
    }

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
