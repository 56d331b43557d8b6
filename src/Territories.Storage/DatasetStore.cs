using Dapper;

namespace Territories.Storage;

/// <summary>Datasets: create, list, read, replace (optimistic concurrency on the version), delete (refused while scenarios use it).</summary>
public sealed class DatasetStore(Database database, TimeProvider time)
{
    private const string Columns = "id, name, version, created_at, updated_at, rep_count, account_count, unit_count";

    public async Task<DatasetRecord> CreateAsync(DatasetContent content, string? id = null, CancellationToken cancel = default)
    {
        var now = StoreTime.Now(time);
        var row = new DatasetRow
        {
            Id = id ?? StoreTime.NewId(), Name = content.Name, Version = 1, CreatedAt = now, UpdatedAt = now,
            RepCount = content.RepCount, AccountCount = content.AccountCount, UnitCount = content.UnitCount, Document = content.Document,
        };
        await using var connection = await database.OpenAsync(cancel);
        await connection.ExecuteAsync(
            $"INSERT INTO datasets ({Columns}, document) VALUES (@Id, @Name, @Version, @CreatedAt, @UpdatedAt, @RepCount, @AccountCount, @UnitCount, @Document)", row);
        return row.ToRecord();
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM datasets WHERE id = @id", new { id }) > 0;
    }

    /// <summary>Every dataset without its document, newest first.</summary>
    public async Task<IReadOnlyList<DatasetRecord>> ListAsync(CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var rows = await connection.QueryAsync<DatasetRow>($"SELECT {Columns}, '' AS document FROM datasets ORDER BY created_at DESC, id DESC");
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<DatasetRecord?> GetAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var row = await connection.QuerySingleOrDefaultAsync<DatasetRow>($"SELECT {Columns}, document FROM datasets WHERE id = @id", new { id });
        return row?.ToRecord();
    }

    /// <summary>Replaces the content when <paramref name="expectedVersion"/> is null or still current.</summary>
    public async Task<StoreWrite<DatasetRecord>> ReplaceAsync(string id, DatasetContent content, int? expectedVersion, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var updated = await connection.QuerySingleOrDefaultAsync<DatasetRow>(
            $"""
            UPDATE datasets SET name = @Name, version = version + 1, updated_at = @now, rep_count = @RepCount,
                account_count = @AccountCount, unit_count = @UnitCount, document = @Document
            WHERE id = @id AND (@expectedVersion IS NULL OR version = @expectedVersion)
            RETURNING {Columns}, document
            """,
            new { id, content.Name, content.RepCount, content.AccountCount, content.UnitCount, content.Document, expectedVersion, now = StoreTime.Now(time) });
        if (updated is not null) return StoreWrite<DatasetRecord>.Done(updated.ToRecord());
        return await GetAsync(id, cancel) is { } current ? StoreWrite<DatasetRecord>.VersionMismatch(current) : StoreWrite<DatasetRecord>.NotFound;
    }

    /// <summary>Stores the dataset's unit shapes (GeoJSON) together with its new content, as one write that bumps the version.</summary>
    public async Task<StoreWrite<DatasetRecord>> SetShapesAsync(string id, DatasetContent content, string shapes, int? expectedVersion, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var updated = await connection.QuerySingleOrDefaultAsync<DatasetRow>(
            $"""
            UPDATE datasets SET shapes = @shapes, version = version + 1, updated_at = @now, unit_count = @UnitCount, document = @Document
            WHERE id = @id AND (@expectedVersion IS NULL OR version = @expectedVersion)
            RETURNING {Columns}, document
            """,
            new { id, shapes, content.UnitCount, content.Document, expectedVersion, now = StoreTime.Now(time) });
        if (updated is not null) return StoreWrite<DatasetRecord>.Done(updated.ToRecord());
        return await GetAsync(id, cancel) is { } current ? StoreWrite<DatasetRecord>.VersionMismatch(current) : StoreWrite<DatasetRecord>.NotFound;
    }

    /// <summary>The dataset's unit shapes (GeoJSON), or null when it has none or does not exist.</summary>
    public async Task<string?> GetShapesAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.QuerySingleOrDefaultAsync<string?>("SELECT shapes FROM datasets WHERE id = @id", new { id });
    }

    /// <summary>Deletes the dataset unless a scenario still uses it; the scenarios' ids come back in that case.</summary>
    public async Task<StoreWrite<DatasetRecord>> DeleteAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var users = (await connection.QueryAsync<string>("SELECT id FROM scenarios WHERE dataset_id = @id ORDER BY id", new { id }, transaction)).ToList();
        if (users.Count > 0) return StoreWrite<DatasetRecord>.InUse(users);
        var deleted = await connection.QuerySingleOrDefaultAsync<DatasetRow>(
            $"DELETE FROM datasets WHERE id = @id RETURNING {Columns}, '' AS document", new { id }, transaction);
        await transaction.CommitAsync(cancel);
        return deleted is null ? StoreWrite<DatasetRecord>.NotFound : StoreWrite<DatasetRecord>.Done(deleted.ToRecord());
    }

    private sealed class DatasetRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public int Version { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public int RepCount { get; init; }
        public int AccountCount { get; init; }
        public int UnitCount { get; init; }
        public string Document { get; init; } = "";

        public DatasetRecord ToRecord() => new(Id, Name, Version, StoreTime.From(CreatedAt), StoreTime.From(UpdatedAt), RepCount, AccountCount, UnitCount, Document);
    }
}
