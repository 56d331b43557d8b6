using System.Text.Json;
using Territories.Domain.Model;
using Territories.Domain.Organisation;

namespace Territories.Domain.Contracts;

/// <summary>Writes a territory problem as the contract's JSON (section 1), so <see cref="TerritoryProblemReader"/> reads it back unchanged.</summary>
public static class TerritoryProblemWriter
{
    public static string Write(TerritoryProblem problem) => Write(problem, ContractSerializer.Options);

    /// <summary>The same document without indentation (a third smaller: how the service stores datasets).</summary>
    public static string WriteCompact(TerritoryProblem problem) => Write(problem, ContractSerializer.CompactOptions);

    private static string Write(TerritoryProblem problem, JsonSerializerOptions options)
    {
        // Written to ordinary arrays, not the shared array pool, which would keep a large dataset's buffers afterwards.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions(options)))
        {
            var document = new Document(writer, options);
            document.Start(problem.Name, problem.Reps);
            foreach (var account in problem.Accounts) document.Account(account);
            document.End(problem.Units, problem.Org.Units, problem.Pairs, problem.Options);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The writer options <see cref="JsonSerializer"/> would use with <paramref name="options"/>.</summary>
    public static JsonWriterOptions WriterOptions(JsonSerializerOptions options) =>
        new() { Indented = options.WriteIndented, Encoder = options.Encoder, MaxDepth = options.MaxDepth };

    /// <summary>
    /// Writes the document part by part, the accounts one at a time as they come: the name and reps, each account, then
    /// the units, organisation, pairs and options (the same bytes as writing the whole problem at once).
    /// </summary>
    public sealed class Document(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        public void Start(string? name, IEnumerable<Rep> reps)
        {
            writer.WriteStartObject();
            Property("name", name);
            Property("reps", reps.Select(RepObject));
            writer.WriteStartArray("accounts");
        }

        public void Account(Account account) => JsonSerializer.Serialize(writer, AccountObject(account), options);

        /// <summary>An account already written by <see cref="WriteAccount"/>.</summary>
        public void Account(string accountJson) => writer.WriteRawValue(accountJson, skipInputValidation: true);

        public void End(IEnumerable<Unit> units, IEnumerable<OrgUnit> orgUnits, IEnumerable<Pair> pairs, SolveOptions solveOptions)
        {
            writer.WriteEndArray();
            Property("units", units.Select(u => new { id = u.Id, neighbors = u.Neighbors }));
            Property("orgUnits", orgUnits.Select(u => new { id = u.Id, name = u.Name, parentId = u.ParentId }));
            Property("pairs", pairs.Select(p => new { accountId = p.AccountId, repId = p.RepId, cost = p.Cost, workload = p.Workload }));
            Property("options", Options(solveOptions));
            writer.WriteEndObject();
        }

        private void Property<T>(string name, T value)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, options);
        }
    }

    private static object RepObject(Rep r) => new
    {
        id = r.Id,
        name = r.Name,
        home = Point(r.Home),
        skills = r.Skills.Order(StringComparer.Ordinal),
        capacity = r.Capacity,
        maxAccounts = r.MaxAccounts,
        region = r.Region,
        orgUnitId = r.OrgUnitId,
    };

    /// <summary>One account as the document holds it, on one line (datasets also store their accounts one by one, for paging).</summary>
    public static string WriteAccount(Account account) => JsonSerializer.Serialize(AccountObject(account), ContractSerializer.CompactOptions);

    private static AccountDocument AccountObject(Account a) => new(
        a.Id, a.Name, Point(a.Location), a.Segment, a.Tier, a.RequiredSkills.Order(StringComparer.Ordinal), a.Workload, a.Potential, a.Revenue,
        a.CurrentRepId, a.LockedRepId, a.UnitId,
        a.OpeningHours?.Days.OrderBy(d => ((int)d.Key + 6) % 7).ToDictionary(d => d.Key.ToString()[..3].ToLowerInvariant(), d => d.Value.Select(w => w.ToString())),
        a.Appointments?.Select(p => new AppointmentDocument(p.Date, p.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), p.Minutes)));

    /// <summary>An account as the contract writes it; the visit fields only when the account has them.</summary>
    private sealed record AccountDocument(
        AccountId Id, string? Name, object? Location, string? Segment, string? Tier, IEnumerable<string> RequiredSkills, double? Workload,
        decimal Potential, decimal Revenue, RepId? CurrentRepId, RepId? LockedRepId, UnitId? UnitId,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        Dictionary<string, IEnumerable<string>>? OpeningHours,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        IEnumerable<AppointmentDocument>? Appointments);

    private sealed record AppointmentDocument(DateOnly Date, string Start, int? Minutes);

    private static object? Point(GeoPoint? point) => point is { } p ? new { lat = p.Lat, lon = p.Lon } : null;

    private static object Options(SolveOptions o) => new
    {
        weights = o.WeightsGiven ? new { balance = o.Weights.Balance, travel = o.Weights.Travel, disruption = o.Weights.Disruption, cost = o.Weights.Cost } : null,
        balance = new { metric = o.Balance.Metric.ToString().ToLowerInvariant(), tolerance = o.Balance.Tolerance },
        maxMovedShare = o.MaxMovedShare,
        contiguity = o.Contiguity,
        pairsOnly = o.PairsOnly,
        timeLimitSeconds = o.TimeLimitSeconds,
        workers = o.Workers,
        seed = o.Seed,
        candidateReps = o.CandidateReps,
        moveWithin = o.MoveWithin,
    };
}
