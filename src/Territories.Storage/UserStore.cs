using Dapper;

namespace Territories.Storage;

/// <summary>Users: created, listed, read by id, name or external subject, changed (optimistic concurrency on the version); never deleted, only disabled.</summary>
public sealed class UserStore(Database database, TimeProvider time)
{
    private const string Columns = "id, name, role, password_hash, external_subject, disabled, version, created_at, updated_at";

    public async Task<long> CountAsync(CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users");
    }

    /// <summary>How many enabled users hold <paramref name="role"/>.</summary>
    public async Task<long> CountEnabledAsync(string role, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE role = @role AND disabled = 0", new { role });
    }

    /// <summary>Creates the user; null when the name (or the external subject) is taken.</summary>
    public async Task<UserRecord?> CreateAsync(NewUser user, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await InsertAsync(connection, null, user, onlyIfEmpty: false);
    }

    /// <summary>
    /// Creates the first user with its key, in one transaction, only while the store holds no user; null when it
    /// already holds one (another instance may have just bootstrapped it).
    /// </summary>
    public async Task<UserRecord?> CreateFirstAsync(NewUser user, Func<UserRecord, CredentialRecord> key, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        if (database.MigrationLockSql is { } takeLock) await connection.ExecuteAsync(takeLock, transaction: transaction);
        var created = await InsertAsync(connection, transaction, user, onlyIfEmpty: true);
        if (created is not null) await CredentialStore.InsertAsync(connection, transaction, key(created));
        await transaction.CommitAsync(cancel);
        return created;
    }

    private async Task<UserRecord?> InsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, NewUser user, bool onlyIfEmpty)
    {
        var now = StoreTime.Now(time);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            $"""
            INSERT INTO users ({Columns})
            SELECT @id, @Name, @Role, @PasswordHash, @ExternalSubject, 0, 1, @now, @now
            WHERE NOT @onlyIfEmpty OR NOT EXISTS (SELECT 1 FROM users)
            ON CONFLICT DO NOTHING
            RETURNING {Columns}
            """,
            new { id = StoreTime.NewId(), user.Name, user.Role, user.PasswordHash, user.ExternalSubject, now, onlyIfEmpty }, transaction);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QueryAsync<UserRow>($"SELECT {Columns} FROM users ORDER BY name")).Select(r => r.ToRecord()).ToList();
    }

    public Task<UserRecord?> GetAsync(string id, CancellationToken cancel = default) => GetWhereAsync("id = @value", id, cancel);

    public Task<UserRecord?> GetByNameAsync(string name, CancellationToken cancel = default) => GetWhereAsync("name = @value", name, cancel);

    public Task<UserRecord?> GetByExternalSubjectAsync(string subject, CancellationToken cancel = default) =>
        GetWhereAsync("external_subject = @value", subject, cancel);

    private async Task<UserRecord?> GetWhereAsync(string condition, string value, CancellationToken cancel)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users WHERE {condition}", new { value }))?.ToRecord();
    }

    /// <summary>
    /// Applies the change when <paramref name="expectedVersion"/> is null or still current. Disabling a user also ends
    /// its sessions (its keys stay, unusable while it is disabled).
    /// </summary>
    public async Task<StoreWrite<UserRecord>> UpdateAsync(string id, UserChange change, int? expectedVersion, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var updated = await connection.QuerySingleOrDefaultAsync<UserRow>(
            $"""
            UPDATE users SET role = COALESCE(@Role, role), disabled = COALESCE(@disabled, disabled),
                password_hash = COALESCE(@PasswordHash, password_hash), version = version + 1, updated_at = @now
            WHERE id = @id AND (@expectedVersion IS NULL OR version = @expectedVersion)
            RETURNING {Columns}
            """,
            new { id, change.Role, disabled = change.Disabled is { } d ? (d ? 1 : 0) : (int?)null, change.PasswordHash, expectedVersion, now = StoreTime.Now(time) },
            transaction);
        if (updated is { Disabled: not 0 })
            await connection.ExecuteAsync("DELETE FROM credentials WHERE user_id = @id AND kind = 'session'", new { id }, transaction);
        var current = updated is null
            ? await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users WHERE id = @id", new { id }, transaction)
            : null;
        await transaction.CommitAsync(cancel);
        if (updated is not null) return StoreWrite<UserRecord>.Done(updated.ToRecord());
        return current is null ? StoreWrite<UserRecord>.NotFound : StoreWrite<UserRecord>.VersionMismatch(current.ToRecord());
    }

    private sealed class UserRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string? PasswordHash { get; init; }
        public string? ExternalSubject { get; init; }
        public long Disabled { get; init; }
        public int Version { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }

        public UserRecord ToRecord() =>
            new(Id, Name, Role, PasswordHash, ExternalSubject, Disabled != 0, Version, StoreTime.From(CreatedAt), StoreTime.From(UpdatedAt));
    }
}
