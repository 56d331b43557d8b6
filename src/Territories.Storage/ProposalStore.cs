using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;

namespace Territories.Storage;

/// <summary>A proposal's stored state: submitted, approved, rejected or published (stale is derived from the publications).</summary>
public static class ProposalStates
{
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Published = "published";
    public const string Stale = "stale";
}

/// <summary>One org unit's decision on a proposal, by whom and when.</summary>
public sealed record ProposalDecision(string UnitId, string Decision, string? UserId, string? UserName, string? Note, DateTimeOffset At);

/// <summary>A proposal to make a run's plan the dataset's assignment from <see cref="Effective"/> on.</summary>
/// <param name="BaseSeq">The seq of the dataset's latest publication when the proposal was made (0 before any).</param>
/// <param name="UnitsNeeded">The org units whose reps gain or lose an account: each needs an approval.</param>
/// <param name="Changes">The accounts that change owner, as JSON (<c>[{ "accountId", "fromRepId", "toRepId" }]</c>).</param>
public sealed record ProposalRecord(string Id, string DatasetId, string RunId, DateOnly Effective, string? Note, string State, int BaseSeq,
    IReadOnlyList<string> UnitsNeeded, string Changes, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? PublicationId,
    IReadOnlyList<ProposalDecision> Decisions);

/// <summary>What a decision did: recorded, the proposal gone, or nothing left to decide (already decided or no longer submitted).</summary>
public enum DecisionOutcome { Recorded, NotFound, NotOpen, AlreadyDecided }

/// <summary>
/// Proposals, their decisions (one per proposal and unit: the primary key records concurrent approvals once), and the
/// managers of each dataset's org units.
/// </summary>
public sealed class ProposalStore(Database database, TimeProvider time)
{
    private const string Columns = "id, dataset_id, run_id, effective, note, state, base_seq, units_needed, changes, created_by, created_at, updated_at, publication_id";

    public async Task<ProposalRecord> CreateAsync(string datasetId, string runId, DateOnly effective, string? note, int baseSeq,
        IReadOnlyList<string> unitsNeeded, string changes, string? createdBy, CancellationToken cancel = default)
    {
        var now = StoreTime.Now(time);
        var row = new ProposalRow
        {
            Id = StoreTime.NewId(), DatasetId = datasetId, RunId = runId, Effective = PlanInForceStore.Day(effective), Note = note,
            State = unitsNeeded.Count == 0 ? ProposalStates.Approved : ProposalStates.Submitted, BaseSeq = baseSeq,
            UnitsNeeded = JsonSerializer.Serialize(unitsNeeded), Changes = changes, CreatedBy = createdBy, CreatedAt = now, UpdatedAt = now,
        };
        await using var connection = await database.OpenAsync(cancel);
        await connection.ExecuteAsync(
            $"INSERT INTO proposals ({Columns}) VALUES (@Id, @DatasetId, @RunId, @Effective, @Note, @State, @BaseSeq, @UnitsNeeded, @Changes, @CreatedBy, @CreatedAt, @UpdatedAt, @PublicationId)",
            row);
        return row.ToRecord([]);
    }

    public async Task<ProposalRecord?> GetAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        // The row and its decisions from one snapshot: read apart on PostgreSQL, a decision committed between the two
        // showed a proposal still submitted with no unit left to decide, and a manager who lost a race to approve was
        // told 403 (not a manager) instead of 409 (already decided).
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancel);
        var proposal = await GetAsync(connection, snapshot, id, cancel);
        await snapshot.CommitAsync(cancel);
        return proposal;
    }

    /// <summary>Proposals in a state, oldest first (the caller filters by what a manager may decide).</summary>
    public async Task<IReadOnlyList<ProposalRecord>> ListAsync(string state, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var rows = await connection.QueryAsync<ProposalRow>(new CommandDefinition($"SELECT {Columns} FROM proposals WHERE state = @state ORDER BY created_at, id",
            new { state }, cancellationToken: cancel));
        var decisions = (await connection.QueryAsync<DecisionRow>(new CommandDefinition(
                "SELECT d.proposal_id, d.unit_id, d.decision, d.user_id, d.user_name, d.note, d.at FROM proposal_decisions d JOIN proposals p ON p.id = d.proposal_id WHERE p.state = @state",
                new { state }, cancellationToken: cancel)))
            .ToLookup(d => d.ProposalId);
        return rows.Select(r => r.ToRecord(decisions[r.Id].Select(d => d.ToRecord()).ToList())).ToList();
    }

    /// <summary>
    /// Records <paramref name="decision"/> for each of <paramref name="units"/> not decided yet, as one transaction, and
    /// moves the proposal on: rejected at the first rejection, approved once every unit needed has approved.
    /// </summary>
    public async Task<(DecisionOutcome Outcome, ProposalRecord? Proposal)> DecideAsync(string id, IReadOnlyList<string> units, string decision,
        string? userId, string? userName, string? note, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        // Taking the row first serialises deciders of one proposal (a no-op write: SQLite locks the file, PostgreSQL the row).
        var touched = await connection.ExecuteAsync("UPDATE proposals SET updated_at = updated_at WHERE id = @id", new { id }, transaction);
        if (touched == 0 || await GetAsync(connection, transaction, id, cancel) is not { } proposal) return (DecisionOutcome.NotFound, null);
        if (proposal.State != ProposalStates.Submitted) return (DecisionOutcome.NotOpen, proposal);
        var now = StoreTime.Now(time);
        var recorded = 0;
        foreach (var unit in units)
        {
            recorded += await connection.ExecuteAsync(
                """
                INSERT INTO proposal_decisions (proposal_id, unit_id, decision, user_id, user_name, note, at)
                VALUES (@id, @unit, @decision, @userId, @userName, @note, @now) ON CONFLICT (proposal_id, unit_id) DO NOTHING
                """, new { id, unit, decision, userId, userName, note, now }, transaction);
        }
        if (recorded == 0) return (DecisionOutcome.AlreadyDecided, proposal);
        var decided = await GetAsync(connection, transaction, id, cancel);
        var state = decided!.Decisions.Any(d => d.Decision == ProposalStates.Rejected) ? ProposalStates.Rejected
            : decided.UnitsNeeded.All(u => decided.Decisions.Any(d => d.UnitId == u)) ? ProposalStates.Approved : ProposalStates.Submitted;
        await connection.ExecuteAsync("UPDATE proposals SET state = @state, updated_at = @now WHERE id = @id", new { id, state, now }, transaction);
        await transaction.CommitAsync(cancel);
        return (DecisionOutcome.Recorded, decided with { State = state, UpdatedAt = StoreTime.From(now) });
    }

    /// <summary>Marks an approved proposal published; false when it was not approved any more (published by someone else).</summary>
    public async Task<bool> MarkPublishedAsync(string id, string publicationId, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.ExecuteAsync(
            "UPDATE proposals SET state = @published, publication_id = @publicationId, updated_at = @now WHERE id = @id AND state = @approved",
            new { id, publicationId, now = StoreTime.Now(time), published = ProposalStates.Published, approved = ProposalStates.Approved }) == 1;
    }

    /// <summary>Replaces the managers of one org unit of a dataset.</summary>
    public async Task SetManagersAsync(string datasetId, string unitId, IReadOnlyList<string> userIds, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await connection.ExecuteAsync("DELETE FROM org_unit_managers WHERE dataset_id = @datasetId AND unit_id = @unitId", new { datasetId, unitId }, transaction);
        await connection.ExecuteAsync("INSERT INTO org_unit_managers (dataset_id, unit_id, user_id) VALUES (@datasetId, @unitId, @userId)",
            userIds.Distinct().Select(userId => new { datasetId, unitId, userId }), transaction);
        await transaction.CommitAsync(cancel);
    }

    /// <summary>The units of the dataset each user manages.</summary>
    public async Task<IReadOnlyList<(string UnitId, string UserId)>> ManagersAsync(string datasetId, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT unit_id, user_id FROM org_unit_managers WHERE dataset_id = @datasetId ORDER BY unit_id, user_id", new { datasetId }, cancellationToken: cancel))).AsList();
    }

    private static async Task<ProposalRecord?> GetAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancel)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ProposalRow>(new CommandDefinition($"SELECT {Columns} FROM proposals WHERE id = @id",
            new { id }, transaction, cancellationToken: cancel));
        if (row is null) return null;
        var decisions = await connection.QueryAsync<DecisionRow>(new CommandDefinition(
            "SELECT proposal_id, unit_id, decision, user_id, user_name, note, at FROM proposal_decisions WHERE proposal_id = @id ORDER BY at, unit_id",
            new { id }, transaction, cancellationToken: cancel));
        return row.ToRecord(decisions.Select(d => d.ToRecord()).ToList());
    }

    private sealed class ProposalRow
    {
        public string Id { get; init; } = "";
        public string DatasetId { get; init; } = "";
        public string RunId { get; init; } = "";
        public string Effective { get; init; } = "";
        public string? Note { get; init; }
        public string State { get; init; } = "";
        public long BaseSeq { get; init; }
        public string UnitsNeeded { get; init; } = "[]";
        public string Changes { get; init; } = "[]";
        public string? CreatedBy { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public string? PublicationId { get; init; }

        public ProposalRecord ToRecord(IReadOnlyList<ProposalDecision> decisions) => new(Id, DatasetId, RunId,
            DateOnly.ParseExact(Effective, "yyyy-MM-dd", CultureInfo.InvariantCulture), Note, State, (int)BaseSeq,
            JsonSerializer.Deserialize<List<string>>(UnitsNeeded)!, Changes, CreatedBy, StoreTime.From(CreatedAt), StoreTime.From(UpdatedAt), PublicationId, decisions);
    }

    private sealed class DecisionRow
    {
        public string ProposalId { get; init; } = "";
        public string UnitId { get; init; } = "";
        public string Decision { get; init; } = "";
        public string? UserId { get; init; }
        public string? UserName { get; init; }
        public string? Note { get; init; }
        public long At { get; init; }

        public ProposalDecision ToRecord() => new(UnitId, Decision, UserId, UserName, Note, StoreTime.From(At));
    }
}
