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
            orgUnitId = r.OrgUnitId,
        }),
        accounts = problem.Accounts.Select(AccountObject),
        units = problem.Units.Select(u => new { id = u.Id, neighbors = u.Neighbors }),
        orgUnits = problem.Org.Units.Select(u => new { id = u.Id, name = u.Name, parentId = u.ParentId }),
        pairs = problem.Pairs.Select(p => new { accountId = p.AccountId, repId = p.RepId, cost = p.Cost, workload = p.Workload }),
        options = Options(problem.Options),
    };

    /// <summary>One account as the document holds it, on one line (datasets also store their accounts one by one, for paging).</summary>
    public static string WriteAccount(Account account) => System.Text.Json.JsonSerializer.Serialize(AccountObject(account), ContractSerializer.CompactOptions);

    private static object AccountObject(Account a) => new
    {
        id = a.Id,
        name = a.Name,
        location = Point(a.Location),
        segment = a.Segment,
        tier = a.Tier,
        requiredSkills = a.RequiredSkills.Order(StringComparer.Ordinal),
        workload = a.Workload,
        potential = a.Potential,
        revenue = a.Revenue,
        currentRepId = a.CurrentRepId,
        lockedRepId = a.LockedRepId,
        unitId = a.UnitId,
    };

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
