using Territories.Domain.Model;

namespace Territories.Domain.Contracts;

/// <summary>Writes a territory problem as the contract's JSON (section 1), so <see cref="TerritoryProblemReader"/> reads it back unchanged.</summary>
public static class TerritoryProblemWriter
{
    public static string Write(TerritoryProblem problem) => ContractSerializer.Write(Document(problem));

    /// <summary>The same document without indentation (a third smaller: how the service stores datasets).</summary>
    public static string WriteCompact(TerritoryProblem problem)
    {
        // Written to ordinary arrays, not the shared array pool, which would keep a large dataset's buffers afterwards.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) System.Text.Json.JsonSerializer.Serialize(writer, Document(problem), ContractSerializer.CompactOptions);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static object Document(TerritoryProblem problem) => new
    {
        name = problem.Name,
        reps = problem.Reps.Select(r => new
        {
            id = r.Id,
            name = r.Name,
            home = Point(r.Home),
            skills = r.Skills.Order(StringComparer.Ordinal),
            capacity = r.Capacity,
            maxAccounts = r.MaxAccounts,
            region = r.Region,
        }),
        accounts = problem.Accounts.Select(AccountObject),
        units = problem.Units.Select(u => new { id = u.Id, neighbors = u.Neighbors }),
        pairs = problem.Pairs.Select(p => new { accountId = p.AccountId, repId = p.RepId, cost = p.Cost, workload = p.Workload }),
        options = Options(problem.Options),
    };

    /// <summary>One account as the document holds it, on one line (datasets also store their accounts one by one, for paging).</summary>
    public static string WriteAccount(Account account) => System.Text.Json.JsonSerializer.Serialize(AccountObject(account), ContractSerializer.CompactOptions);

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
    };
}
