using System.Data.Common;
using Dapper;

namespace Territories.Storage;

/// <summary>Datasets: create, list, read, replace (optimistic concurrency on the version), delete (refused while scenarios use it).</summary>
public sealed class DatasetStore(Database database, TimeProvider time)
{
    private const string Columns = "id, name, version, created_at, updated_at, rep_count, account_count, unit_count";

    private const string OverviewUpsert =
        "INSERT INTO dataset_overviews (dataset_id, overview) VALUES (@id, @Overview) ON CONFLICT (dataset_id) DO UPDATE SET overview = excluded.overview";

    /// <summary>Creates the dataset, its account rows written as <paramref name="content"/> produces them; the record comes back without its document.</summary>
    public async Task<DatasetRecord> CreateAsync(DatasetContent content, string? id = null, CancellationToken cancel = default)
    {
        var now = StoreTime.Now(time);
        id ??= StoreTime.NewId();
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await connection.ExecuteAsync(
            $"INSERT INTO datasets ({Columns}, document) VALUES (@id, '', 1, @now, @now, 0, 0, 0, '')", new { id, now }, transaction);
        var created = await WriteContentAsync(connection, transaction, id, content, NameAndReps, null, cancel);
        await transaction.CommitAsync(cancel);
        await connection.ExecuteAsync(database.AccountStatisticsSql);
        return created;
    }

    private const string NameAndReps = "name = @Name, rep_count = @RepCount";

    /// <summary>
    /// Writes the content's account rows batch by batch, then its document, counts and overview and the
    /// <paramref name="set"/> columns, in the caller's transaction; the dataset's row exists and has no account rows.
    /// </summary>
    private async Task<DatasetRecord> WriteContentAsync(DbConnection connection, DbTransaction transaction, string id, DatasetContent content, string set,
        object? setValues, CancellationToken cancel)
    {
        var accountCount = 0;
        foreach (var batch in content.AccountBatches())
        {
            await database.InsertAccountsAsync(connection, transaction, id, accountCount, batch, cancel);
            accountCount += batch.Count;
        }
        var document = content.Complete();
        var parameters = new DynamicParameters(setValues);
        parameters.AddDynamicParams(new { id, document.Name, document.RepCount, document.UnitCount, accountCount, document = document.Utf8Json });
        var row = await connection.QuerySingleAsync<DatasetRow>(new CommandDefinition(
            $"""
            UPDATE datasets SET {set}, unit_count = @UnitCount, account_count = @accountCount, document = {database.TextFromUtf8("@document")}
            WHERE id = @id RETURNING {Columns}, '' AS document
            """, parameters, transaction, cancellationToken: cancel));
        await connection.ExecuteAsync(OverviewUpsert, new { id, document.Overview }, transaction);
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

    /// <summary>The dataset without its document, with its overview; null when it does not exist.</summary>
    public async Task<DatasetOverview?> GetOverviewAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var row = await connection.QuerySingleOrDefaultAsync<DatasetRow>(
            new CommandDefinition(
                $"SELECT {Columns}, '' AS document, o.overview FROM datasets LEFT JOIN dataset_overviews o ON o.dataset_id = id WHERE id = @id",
                new { id }, cancellationToken: cancel));
        return row is null ? null : new DatasetOverview(row.ToRecord(), row.Overview);
    }

    /// <summary>Keeps the overview of a dataset stored without one, if it is still at <paramref name="version"/>.</summary>
    public async Task SetOverviewAsync(string id, int version, string overview, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dataset_overviews (dataset_id, overview) SELECT id, @overview FROM datasets WHERE id = @id AND version = @version
            ON CONFLICT (dataset_id) DO UPDATE SET overview = excluded.overview
            """, new { id, version, overview }, cancellationToken: cancel));
    }

    /// <summary>Replaces the content when <paramref name="expectedVersion"/> is null or still current; the record comes back without its document.</summary>
    public Task<StoreWrite<DatasetRecord>> ReplaceAsync(string id, DatasetContent content, int? expectedVersion, CancellationToken cancel = default) =>
        UpdateAsync(id, content, NameAndReps, null, expectedVersion, cancel);

    /// <summary>Stores the dataset's unit shapes (GeoJSON) together with its new content, as one write that bumps the version.</summary>
    public Task<StoreWrite<DatasetRecord>> SetShapesAsync(string id, DatasetContent content, string shapes, int? expectedVersion, CancellationToken cancel = default) =>
        UpdateAsync(id, content, "shapes = @shapes", new { shapes }, expectedVersion, cancel);

    /// <summary>
    /// Writes the content (its account rows as they come, its document, counts and overview) and the
    /// <paramref name="set"/> columns as one transaction that bumps the version, when <paramref name="expectedVersion"/>
    /// is null or still current.
    /// </summary>
    private async Task<StoreWrite<DatasetRecord>> UpdateAsync(string id, DatasetContent content, string set, object? setValues, int? expectedVersion,
        CancellationToken cancel)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var bumped = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE datasets SET version = version + 1, updated_at = @now WHERE id = @id AND (@expectedVersion IS NULL OR version = @expectedVersion)",
            new { id, expectedVersion, now = StoreTime.Now(time) }, transaction, cancellationToken: cancel));
        if (bumped == 0)
        {
            var current = await connection.QuerySingleOrDefaultAsync<DatasetRow>($"SELECT {Columns}, '' AS document FROM datasets WHERE id = @id", new { id }, transaction);
            return current is null ? StoreWrite<DatasetRecord>.NotFound : StoreWrite<DatasetRecord>.VersionMismatch(current.ToRecord());
        }
        await connection.ExecuteAsync("DELETE FROM dataset_accounts WHERE dataset_id = @id", new { id }, transaction);
        var updated = await WriteContentAsync(connection, transaction, id, content, set, setValues, cancel);
        await transaction.CommitAsync(cancel);
        await connection.ExecuteAsync(database.AccountStatisticsSql);
        return StoreWrite<DatasetRecord>.Done(updated);
    }

    /// <summary>
    /// A page of the dataset's accounts (their contract JSON, in the document's order), reading only that page's rows;
    /// null when the dataset does not exist. Without filters the page is a range of ordinals and the total is the
    /// dataset's account count; with filters the matching rows come from the filter's index.
    /// </summary>
    public async Task<AccountRows?> PageAccountsAsync(string id, AccountQuery query, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        if (!query.IsFiltered)
        {
            // One statement: the dataset's count (its existence) and the window of ordinals, which are dense from 0.
            var rows = (await connection.QueryAsync<(int Count, string? Account)>(new CommandDefinition(
                """
                SELECT d.account_count, a.account FROM datasets d
                LEFT JOIN dataset_accounts a ON a.dataset_id = d.id AND a.ordinal >= @from AND a.ordinal < @to
                WHERE d.id = @id ORDER BY a.ordinal
                """,
                new { id, from = query.Offset, to = (long)query.Offset + query.Limit }, cancellationToken: cancel))).AsList();
            return rows.Count == 0 ? null : new AccountRows(rows[0].Count, rows.Where(r => r.Account is not null).Select(r => r.Account!).ToList());
        }
        var count = await connection.QuerySingleOrDefaultAsync<int?>(
            new CommandDefinition("SELECT account_count FROM datasets WHERE id = @id", new { id }, cancellationToken: cancel));
        if (count is null) return null;
        var filters = new List<string> { "dataset_id = @id" };
        if (query.CurrentRepId is not null) filters.Add("current_rep_id = @CurrentRepId");
        if (query.Segment is not null) filters.Add("segment = @Segment");
        if (query.Tier is not null) filters.Add("tier = @Tier");
        var where = string.Join(" AND ", filters);
        var parameters = new { id, query.CurrentRepId, query.Segment, query.Tier, query.Offset, query.Limit };
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM dataset_accounts WHERE {where}", parameters, cancellationToken: cancel));
        var items = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT account FROM dataset_accounts WHERE {where} ORDER BY ordinal LIMIT @Limit OFFSET @Offset", parameters, cancellationToken: cancel));
        return new AccountRows(total, items.AsList());
    }

    /// <summary>The dataset's unit shapes (GeoJSON), or null when it has none or does not exist.</summary>
    public async Task<string?> GetShapesAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.QuerySingleOrDefaultAsync<string?>("SELECT shapes FROM datasets WHERE id = @id", new { id });
    }

    /// <summary>
    /// Deletes the dataset (and its account rows) unless a scenario still uses it (the scenarios' ids come back) or
    /// <paramref name="expectedVersion"/> is given and no longer current.
    /// </summary>
    public async Task<StoreWrite<DatasetRecord>> DeleteAsync(string id, int? expectedVersion = null, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var users = (await connection.QueryAsync<string>("SELECT id FROM scenarios WHERE dataset_id = @id ORDER BY id", new { id }, transaction)).ToList();
        if (users.Count > 0) return StoreWrite<DatasetRecord>.InUse(users);
        var deleted = await connection.QuerySingleOrDefaultAsync<DatasetRow>(
            $"DELETE FROM datasets WHERE id = @id AND (@expectedVersion IS NULL OR version = @expectedVersion) RETURNING {Columns}, '' AS document",
            new { id, expectedVersion }, transaction);
        var current = deleted is null
            ? await connection.QuerySingleOrDefaultAsync<DatasetRow>($"SELECT {Columns}, '' AS document FROM datasets WHERE id = @id", new { id }, transaction)
            : null;
        await transaction.CommitAsync(cancel);
        if (deleted is not null) return StoreWrite<DatasetRecord>.Done(deleted.ToRecord());
        return current is null ? StoreWrite<DatasetRecord>.NotFound : StoreWrite<DatasetRecord>.VersionMismatch(current.ToRecord());
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
        public string? Overview { get; init; }

        public DatasetRecord ToRecord() => new(Id, Name, Version, StoreTime.From(CreatedAt), StoreTime.From(UpdatedAt), RepCount, AccountCount, UnitCount, Document);
    }
}
