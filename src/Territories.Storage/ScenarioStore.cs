using Dapper;

namespace Territories.Storage;

/// <summary>Scenarios: create, list, read, update (optimistic concurrency on the version), delete (refused while runs are active).</summary>
public sealed class ScenarioStore(Database database, TimeProvider time)
{
    private const string Columns = "id, dataset_id, name, version, created_at, updated_at, document, owner_id";

    /// <summary>Creates the scenario, owned by <paramref name="ownerId"/>; null when its dataset does not exist.</summary>
    public async Task<ScenarioRecord?> CreateAsync(string datasetId, string name, string document, string? ownerId, CancellationToken cancel = default)
    {
        var now = StoreTime.Now(time);
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QuerySingleOrDefaultAsync<ScenarioRow>(
            $"""
            INSERT INTO scenarios ({Columns})
            SELECT @id, id, @name, 1, @now, @now, @document, @ownerId FROM datasets WHERE id = @datasetId
            RETURNING {Columns}
            """,
            new { id = StoreTime.NewId(), datasetId, name, now, document, ownerId }))?.ToRecord();
    }

    public async Task<IReadOnlyList<ScenarioRecord>> ListAsync(string? datasetId, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var rows = await connection.QueryAsync<ScenarioRow>(
            $"SELECT {Columns} FROM scenarios WHERE @datasetId IS NULL OR dataset_id = @datasetId ORDER BY created_at DESC, id DESC", new { datasetId });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<ScenarioRecord?> GetAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QuerySingleOrDefaultAsync<ScenarioRow>($"SELECT {Columns} FROM scenarios WHERE id = @id", new { id }))?.ToRecord();
    }

    /// <summary>Updates the scenario when <paramref name="expectedVersion"/> is null or still current.</summary>
    public async Task<StoreWrite<ScenarioRecord>> UpdateAsync(string id, string datasetId, string name, string document, int? expectedVersion,
        CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var updated = await connection.QuerySingleOrDefaultAsync<ScenarioRow>(
            $"""
            UPDATE scenarios SET dataset_id = @datasetId, name = @name, document = @document, version = version + 1, updated_at = @now
            WHERE id = @id AND (@expectedVersion IS NULL OR version = @expectedVersion)
            RETURNING {Columns}
            """,
            new { id, datasetId, name, document, expectedVersion, now = StoreTime.Now(time) });
        if (updated is not null) return StoreWrite<ScenarioRecord>.Done(updated.ToRecord());
        return await GetAsync(id, cancel) is { } current ? StoreWrite<ScenarioRecord>.VersionMismatch(current) : StoreWrite<ScenarioRecord>.NotFound;
    }

    /// <summary>Deletes the scenario unless one of its runs is queued or running; finished runs keep their problem and plan.</summary>
    public async Task<StoreWrite<ScenarioRecord>> DeleteAsync(string id, int? expectedVersion, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var active = (await connection.QueryAsync<string>(
            "SELECT id FROM runs WHERE scenario_id = @id AND state IN ('queued', 'running') ORDER BY seq", new { id }, transaction)).ToList();
        if (active.Count > 0) return StoreWrite<ScenarioRecord>.InUse(active);
        var deleted = await connection.QuerySingleOrDefaultAsync<ScenarioRow>(
            $"DELETE FROM scenarios WHERE id = @id AND (@expectedVersion IS NULL OR version = @expectedVersion) RETURNING {Columns}",
            new { id, expectedVersion }, transaction);
        var current = deleted is null
            ? await connection.QuerySingleOrDefaultAsync<ScenarioRow>($"SELECT {Columns} FROM scenarios WHERE id = @id", new { id }, transaction)
            : null;
        await transaction.CommitAsync(cancel);
        if (deleted is not null) return StoreWrite<ScenarioRecord>.Done(deleted.ToRecord());
        return current is null ? StoreWrite<ScenarioRecord>.NotFound : StoreWrite<ScenarioRecord>.VersionMismatch(current.ToRecord());
    }

    private sealed class ScenarioRow
    {
        public string Id { get; init; } = "";
        public string DatasetId { get; init; } = "";
        public string Name { get; init; } = "";
        public int Version { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public string Document { get; init; } = "";
        public string? OwnerId { get; init; }

        public ScenarioRecord ToRecord() => new(Id, DatasetId, Name, Version, StoreTime.From(CreatedAt), StoreTime.From(UpdatedAt), Document, OwnerId);
    }
}
