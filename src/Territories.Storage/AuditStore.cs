using Dapper;

namespace Territories.Storage;

/// <summary>The audit trail: appended once per successful write, read by time and user.</summary>
public sealed class AuditStore(Database database)
{
    private const string Columns = "at, user_id, user_name, method, path, object_id, version, status";

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await connection.ExecuteAsync(
            $"INSERT INTO audit ({Columns}) VALUES (@at, @UserId, @UserName, @Method, @Path, @ObjectId, @Version, @Status)",
            new { at = entry.At.ToUnixTimeMilliseconds(), entry.UserId, entry.UserName, entry.Method, entry.Path, entry.ObjectId, entry.Version, entry.Status });
    }

    /// <summary>Entries at or after <paramref name="since"/> (all when null), of one user or all, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(DateTimeOffset? since, string? userId, int limit, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var rows = await connection.QueryAsync<AuditRow>(
            $"""
            SELECT seq, {Columns} FROM audit
            WHERE (@since IS NULL OR at >= @since) AND (@userId IS NULL OR user_id = @userId)
            ORDER BY at, seq LIMIT @limit
            """,
            new { since = since?.ToUnixTimeMilliseconds(), userId, limit });
        return rows.Select(r => r.ToEntry()).ToList();
    }

    private sealed class AuditRow
    {
        public long Seq { get; init; }
        public long At { get; init; }
        public string? UserId { get; init; }
        public string? UserName { get; init; }
        public string Method { get; init; } = "";
        public string Path { get; init; } = "";
        public string? ObjectId { get; init; }
        public int? Version { get; init; }
        public int Status { get; init; }

        public AuditEntry ToEntry() => new(Seq, StoreTime.From(At), UserId, UserName, Method, Path, ObjectId, Version, Status);
    }
}
