using System.Data.Common;
using Dapper;

namespace Territories.Storage;

/// <summary>API keys and browser sessions of users, as salted hashes.</summary>
public sealed class CredentialStore(Database database, TimeProvider time)
{
    private const string Columns = "id, user_id, kind, name, salt, hash, prefixless, created_at, expires_at";

    public async Task CreateAsync(CredentialRecord credential, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await InsertAsync(connection, null, credential);
    }

    internal static Task InsertAsync(DbConnection connection, DbTransaction? transaction, CredentialRecord c) =>
        connection.ExecuteAsync(
            $"INSERT INTO credentials ({Columns}) VALUES (@Id, @UserId, @kind, @Name, @Salt, @Hash, @prefixless, @createdAt, @expiresAt)",
            new
            {
                c.Id, c.UserId, kind = KindName(c.Kind), c.Name, c.Salt, c.Hash, prefixless = c.Prefixless ? 1 : 0,
                createdAt = c.CreatedAt.ToUnixTimeMilliseconds(), expiresAt = c.ExpiresAt?.ToUnixTimeMilliseconds(),
            }, transaction);

    /// <summary>The credential, unless it does not exist or (a session) has expired.</summary>
    public async Task<CredentialRecord?> GetAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QuerySingleOrDefaultAsync<CredentialRow>(
            $"SELECT {Columns} FROM credentials WHERE id = @id AND (expires_at IS NULL OR expires_at > @now)", new { id, now = StoreTime.Now(time) }))?.ToRecord();
    }

    /// <summary>The keys sent without an id (at most the bootstrap key).</summary>
    public async Task<IReadOnlyList<CredentialRecord>> ListPrefixlessAsync(CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QueryAsync<CredentialRow>($"SELECT {Columns} FROM credentials WHERE prefixless = 1 AND kind = 'key'"))
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The user's keys, oldest first.</summary>
    public async Task<IReadOnlyList<CredentialRecord>> ListKeysAsync(string userId, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QueryAsync<CredentialRow>(
                $"SELECT {Columns} FROM credentials WHERE user_id = @userId AND kind = 'key' ORDER BY created_at, id", new { userId }))
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Deletes the credential; answers what was deleted, or null when there was none.</summary>
    public async Task<CredentialRecord?> DeleteAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QuerySingleOrDefaultAsync<CredentialRow>($"DELETE FROM credentials WHERE id = @id RETURNING {Columns}", new { id }))?.ToRecord();
    }

    /// <summary>Removes the sessions that have expired (of every user).</summary>
    public async Task<int> DeleteExpiredSessionsAsync(CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.ExecuteAsync("DELETE FROM credentials WHERE kind = 'session' AND expires_at <= @now", new { now = StoreTime.Now(time) });
    }

    private static string KindName(CredentialKind kind) => kind == CredentialKind.Key ? "key" : "session";

    private sealed class CredentialRow
    {
        public string Id { get; init; } = "";
        public string UserId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Name { get; init; }
        public string Salt { get; init; } = "";
        public string Hash { get; init; } = "";
        public long Prefixless { get; init; }
        public long CreatedAt { get; init; }
        public long? ExpiresAt { get; init; }

        public CredentialRecord ToRecord() => new(Id, UserId, Kind == "key" ? CredentialKind.Key : CredentialKind.Session, Name, Salt, Hash, Prefixless != 0,
            StoreTime.From(CreatedAt), StoreTime.From(ExpiresAt));
    }
}
