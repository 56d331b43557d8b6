using System.Reflection;
using Dapper;

namespace Territories.Storage;

/// <summary>
/// Applies the embedded, numbered SQL migrations of the database's engine that are not applied yet, each in its own
/// transaction together with its row in <c>schema_migrations</c>, so a failed migration leaves nothing half done.
/// </summary>
public static class Migrator
{
    /// <param name="upToVersion">Applies only the versions up to this one (tests of a migration over data of the version before).</param>
    public static async Task<IReadOnlyList<int>> MigrateAsync(Database database, TimeProvider time, CancellationToken cancel = default, int upToVersion = int.MaxValue)
    {
        await using var connection = await database.OpenAsync(cancel);
        if (database.PrepareSql is { } prepare) await connection.ExecuteAsync(prepare);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
        var applied = new List<int>();
        foreach (var (version, sql) in Scripts(database.Engine).Where(s => s.Version <= upToVersion))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            if (database.MigrationLockSql is { } takeLock) await connection.ExecuteAsync(takeLock, transaction: transaction);
            var done = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, transaction);
            if (done == 0)
            {
                await connection.ExecuteAsync(sql, transaction: transaction);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)",
                    new { version, now = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction);
                applied.Add(version);
            }
            await transaction.CommitAsync(cancel);
        }
        return applied;
    }

    /// <summary>The engine's scripts in version order; a script is named <c>NNNN_what.sql</c>.</summary>
    private static IEnumerable<(int Version, string Sql)> Scripts(string engine)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{engine}.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => (Version: int.Parse(name[prefix.Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture), Name: name))
            .OrderBy(s => s.Version)
            .Select(s => (s.Version, Read(assembly, s.Name)));
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
