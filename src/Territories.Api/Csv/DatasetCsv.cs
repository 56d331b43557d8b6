using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Territories.Domain.Contracts;
using Territories.Domain.Model;

namespace Territories.Api.Csv;

/// <summary>
/// A dataset as two spreadsheets: <c>reps.csv</c> and <c>accounts.csv</c>, with the columns in <see cref="RepColumns"/>
/// and <see cref="AccountColumns"/>, and optionally the sales organisation as a third, <c>org.csv</c> (<see cref="OrgColumns"/>;
/// a rep names its leaf unit in <c>orgUnitId</c>) (header row required, any order, empty cell = not given, lists separated by
/// <c>;</c>). Rows become the contract's JSON and pass the contract's reader, so every rule is the JSON's; errors come
/// back as <c>reps.csv[row 3].capacity</c>, counting rows as a spreadsheet shows them (the header is row 1).
/// </summary>
public static partial class DatasetCsv
{
    public static readonly string[] RepColumns = ["id", "name", "lat", "lon", "skills", "capacity", "maxAccounts", "region", "orgUnitId"];

    public static readonly string[] OrgColumns = ["id", "name", "parentId"];

    public static readonly string[] AccountColumns =
        ["id", "name", "lat", "lon", "segment", "tier", "requiredSkills", "workload", "potential", "revenue", "currentRepId", "lockedRepId", "unitId"];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, DetectDelimiter = false };

    public static TerritoryProblem Read(string name, string repsCsv, string accountsCsv, string? orgCsv = null)
    {
        var errors = new List<InputError>();
        var reps = ReadRows("reps.csv", repsCsv, RepColumns, ["id", "capacity"], RepRow, errors);
        var accounts = ReadRows("accounts.csv", accountsCsv, AccountColumns, ["id"], AccountRow, errors);
        var org = orgCsv is null ? [] : ReadRows("org.csv", orgCsv, OrgColumns, ["id"], OrgRow, errors);
        if (errors.Count > 0) throw new InvalidInputException(errors);
        var document = new JsonObject
        {
            ["name"] = name,
            ["reps"] = new JsonArray(reps.Select(r => (JsonNode)r.Item).ToArray()),
            ["accounts"] = new JsonArray(accounts.Select(a => (JsonNode)a.Item).ToArray()),
            ["orgUnits"] = new JsonArray(org.Select(u => (JsonNode)u.Item).ToArray()),
        };
        try
        {
            return TerritoryProblemReader.Read(document.ToJsonString());
        }
        catch (InvalidInputException e)
        {
            var files = new Dictionary<string, (string, List<(JsonObject, int)>)>
            {
                ["reps"] = ("reps.csv", reps), ["accounts"] = ("accounts.csv", accounts), ["orgUnits"] = ("org.csv", org),
            };
            throw new InvalidInputException(e.Errors.Select(error => error with { Path = ToCsvPath(error.Path, files) }).ToList());
        }
    }

    public static string WriteReps(TerritoryProblem problem) => Write(RepColumns, problem.Reps.Select(r => new[]
    {
        Text(r.Id.Value), Text(r.Name), Number(r.Home?.Lat), Number(r.Home?.Lon), Text(List(r.Skills)), Number(r.Capacity),
        r.MaxAccounts?.ToString(CultureInfo.InvariantCulture), Text(r.Region), Text(r.OrgUnitId),
    }));

    public static string WriteOrg(TerritoryProblem problem) =>
        Write(OrgColumns, problem.Org.Units.Select(u => new[] { Text(u.Id), Text(u.Name), Text(u.ParentId) }));

    public static string WriteAccounts(TerritoryProblem problem) => Write(AccountColumns, problem.Accounts.Select(a => new[]
    {
        Text(a.Id.Value), Text(a.Name), Number(a.Location?.Lat), Number(a.Location?.Lon), Text(a.Segment), Text(a.Tier), Text(List(a.RequiredSkills)),
        Number(a.Workload), a.Potential.ToString(CultureInfo.InvariantCulture), a.Revenue.ToString(CultureInfo.InvariantCulture),
        Text(a.CurrentRepId?.Value), Text(a.LockedRepId?.Value), Text(a.UnitId?.Value),
    }));

    /// <summary>
    /// A text cell a spreadsheet will not run (CSV injection, as OWASP recommends): a value starting with <c>=</c>,
    /// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading apostrophe; so does one starting with an
    /// apostrophe, so that <see cref="Unneutralised"/> gives every value back exactly. Numeric cells are never changed.
    /// </summary>
    internal static string? Text(string? value) => value is { Length: > 0 } && NeedsApostrophe(value[0]) ? "'" + value : value;

    /// <summary>The value <see cref="Text"/> neutralised, on upload: one leading apostrophe before a character it would have protected is dropped.</summary>
    private static string Unneutralised(string cell) => cell.Length > 1 && cell[0] == '\'' && NeedsApostrophe(cell[1]) ? cell[1..] : cell;

    private static bool NeedsApostrophe(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'';

    internal static List<(JsonObject Item, int Row)> ReadRows(string file, string text, string[] columns, string[] required,
        Func<CsvCells, JsonObject> toItem, List<InputError> errors)
    {
        var rows = new List<(JsonObject, int)>();
        using var csv = new CsvReader(new StringReader(text), Configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            errors.Add(new InputError(file, $"is empty; the first row must name the columns ({string.Join(", ", columns)})"));
            return rows;
        }
        foreach (var unknown in header.Where(h => !columns.Contains(h, StringComparer.Ordinal)))
            errors.Add(new InputError($"{file}[row 1]", $"unknown column \"{unknown}\"; the columns are {string.Join(", ", columns)}"));
        foreach (var missing in required.Where(c => !header.Contains(c, StringComparer.Ordinal)))
            errors.Add(new InputError($"{file}[row 1]", $"the column \"{missing}\" is required"));
        if (errors.Count > 0) return rows;
        try
        {
            while (csv.Read())
            {
                var cells = new CsvCells(file, csv.Parser.Row, header.ToDictionary(h => h, h => csv.GetField(h) ?? ""), errors);
                rows.Add((toItem(cells), cells.Row));
            }
        }
        catch (BadDataException e)
        {
            errors.Add(new InputError($"{file}[row {e.Context?.Parser?.Row}]", "has a malformed quoted field"));
        }
        if (rows.Count == 0 && errors.Count == 0)
            errors.Add(new InputError(file, $"has no rows after the header; give at least one {RowName(file)}, one per row"));
        return rows;
    }

    private static string RowName(string file) => file switch { "reps.csv" => "rep", "org.csv" => "org unit", "visits.csv" => "visit", _ => "account" };

    private static JsonObject RepRow(CsvCells c) => Without(new JsonObject
    {
        ["id"] = c.Text("id"), ["name"] = c.Text("name"), ["home"] = c.Point(), ["skills"] = c.List("skills"),
        ["capacity"] = c.Number("capacity"), ["maxAccounts"] = c.Number("maxAccounts"), ["region"] = c.Text("region"),
        ["orgUnitId"] = c.Text("orgUnitId"),
    });

    private static JsonObject OrgRow(CsvCells c) => Without(new JsonObject
    {
        ["id"] = c.Text("id"), ["name"] = c.Text("name"), ["parentId"] = c.Text("parentId"),
    });

    private static JsonObject AccountRow(CsvCells c) => Without(new JsonObject
    {
        ["id"] = c.Text("id"), ["name"] = c.Text("name"), ["location"] = c.Point(), ["segment"] = c.Text("segment"), ["tier"] = c.Text("tier"),
        ["requiredSkills"] = c.List("requiredSkills"), ["workload"] = c.Number("workload"), ["potential"] = c.Number("potential"),
        ["revenue"] = c.Number("revenue"), ["currentRepId"] = c.Text("currentRepId"), ["lockedRepId"] = c.Text("lockedRepId"), ["unitId"] = c.Text("unitId"),
    });

    /// <summary>Leaves out the cells that were empty, so the reader sees them as not given.</summary>
    internal static JsonObject Without(JsonObject item)
    {
        foreach (var empty in item.Where(p => p.Value is null).Select(p => p.Key).ToList()) item.Remove(empty);
        return item;
    }

    /// <summary><c>reps[3].home.lat</c> becomes <c>reps.csv[row 5].lat</c>; <c>orgUnits[1].parentId</c> becomes <c>org.csv[row 3].parentId</c>.</summary>
    private static string ToCsvPath(string path, Dictionary<string, (string File, List<(JsonObject Item, int Row)> Rows)> files)
    {
        var match = ItemPath().Match(path);
        if (!match.Success) return path;
        var (file, rows) = files[match.Groups[1].Value];
        var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var field = match.Groups[3].Value.Replace(".home", "", StringComparison.Ordinal).Replace(".location", "", StringComparison.Ordinal);
        return index < rows.Count ? $"{file}[row {rows[index].Row}]{field}" : path;
    }

    [GeneratedRegex(@"^(reps|accounts|orgUnits)\[(\d+)\](.*)$")]
    private static partial Regex ItemPath();

    internal static string Write(IReadOnlyList<string> columns, IEnumerable<string?[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var column in columns) csv.WriteField(column);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(cell ?? "");
                csv.NextRecord();
            }
        }
        return text.ToString();
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string List(IEnumerable<string> items) => string.Join(';', items.Order(StringComparer.Ordinal));

    /// <summary>One row's cells by column, converted to JSON values; a cell that does not convert is an error at its row and column.</summary>
    internal sealed class CsvCells(string file, int row, Dictionary<string, string> cells, List<InputError> errors)
    {
        public int Row => row;

        private string Cell(string column) => cells.GetValueOrDefault(column, "");

        public JsonNode? Text(string column) => Cell(column) is { Length: > 0 } s ? JsonValue.Create(Unneutralised(s)) : null;

        public JsonNode? Number(string column)
        {
            var s = Cell(column);
            if (s.Length == 0) return null;
            if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
            errors.Add(new InputError($"{file}[row {row}].{column}", $"must be a number, not \"{s}\""));
            return null;
        }

        public JsonNode? List(string column) => Cell(column) is { Length: > 0 } s
            ? new JsonArray(Unneutralised(s).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(x => (JsonNode)JsonValue.Create(x)).ToArray())
            : null;

        public JsonNode? Point()
        {
            var (lat, lon) = (Number("lat"), Number("lon"));
            if (lat is null && lon is null) return null;
            if (lat is not null && lon is not null) return new JsonObject { ["lat"] = lat, ["lon"] = lon };
            errors.Add(new InputError($"{file}[row {row}].{(lat is null ? "lat" : "lon")}", "is empty while the other coordinate is given; give both or neither"));
            return null;
        }
    }
}
