using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Territories.Storage;

/// <summary>
/// Where the store keeps its data and the few places where SQLite and PostgreSQL differ. Everything else (the SQL of
/// the records, the migrations' bookkeeping) is shared.
/// </summary>
public abstract class Database
{
    static Database() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>"sqlite" or "postgres": the folder of this engine's migrations.</summary>
    public abstract string Engine { get; }

    /// <summary>
    /// True when only one service instance can use the store (an embedded file): runs left running by a previous
    /// process are then re-queued at start-up instead of waiting for their lease to lapse.
    /// </summary>
    public abstract bool IsSingleHost { get; }

    /// <summary>Appended to the claim query so that concurrent instances skip rows another one is claiming.</summary>
    public abstract string SkipLockedClause { get; }

    /// <summary>Serialises migrations of several instances starting at once; runs inside each migration's transaction.</summary>
    public abstract string? MigrationLockSql { get; }

    /// <summary>Settings of the database file or server made once before migrating (none on PostgreSQL).</summary>
    public abstract string? PrepareSql { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancel = default);

    /// <summary>
    /// Refreshes the planner's statistics of the account rows after a dataset is written, so that a filtered page uses
    /// its filter's index (without them SQLite walks the whole dataset in order to avoid a sort).
    /// </summary>
    public abstract string AccountStatisticsSql { get; }

    /// <summary>
    /// Inserts account rows of a dataset (ordinals <paramref name="firstOrdinal"/>, +1, …) in the caller's transaction,
    /// in as few round trips as the engine allows.
    /// </summary>
    public abstract Task InsertAccountsAsync(DbConnection connection, DbTransaction transaction, string datasetId, int firstOrdinal,
        IReadOnlyList<DatasetAccount> accounts, CancellationToken cancel);

    /// <summary>SQL for the text whose UTF-8 bytes the parameter holds (a document bound as bytes, never as one large string).</summary>
    public abstract string TextFromUtf8(string parameter);

    private const string InsertAccountColumns = "INSERT INTO dataset_accounts (dataset_id, ordinal, current_rep_id, segment, tier, account)";

    /// <summary>A short description for logs, without secrets.</summary>
    public abstract string Describe();

    /// <summary>The embedded SQLite store, in one file created on first use.</summary>
    public static Database Sqlite(string path) => new SqliteDatabase(path);

    /// <summary>A PostgreSQL store; the connection string comes from <c>ConnectionStrings:Territories</c>.</summary>
    public static Database Postgres(string connectionString) => new PostgresDatabase(connectionString);

    private sealed class SqliteDatabase : Database
    {
        private readonly string _connectionString;
        private readonly string _path;

        public SqliteDatabase(string path)
        {
            _path = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, DefaultTimeout = 30, Pooling = true }.ToString();
        }

        public override string Engine => "sqlite";
        public override bool IsSingleHost => true;
        public override string SkipLockedClause => "";
        public override string? MigrationLockSql => null;

        /// <summary>A sampled ANALYZE: milliseconds, however many accounts the store holds.</summary>
        public override string AccountStatisticsSql => "PRAGMA analysis_limit = 1000; ANALYZE dataset_accounts";

        /// <summary>Write-ahead logging lets readers (progress polls) go on while a run writes.</summary>
        public override string? PrepareSql => "PRAGMA journal_mode = WAL";

        public override async Task<DbConnection> OpenAsync(CancellationToken cancel = default)
        {
            var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancel);
            await connection.ExecuteAsync("PRAGMA foreign_keys = ON");
            return connection;
        }

        /// <summary>One prepared statement executed per row: SQLite runs in-process, so a row costs no round trip.</summary>
        public override async Task InsertAccountsAsync(DbConnection connection, DbTransaction transaction, string datasetId, int firstOrdinal,
            IReadOnlyList<DatasetAccount> accounts, CancellationToken cancel)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"{InsertAccountColumns} VALUES ($dataset, $ordinal, $rep, $segment, $tier, $account)";
            var parameters = new[] { "$dataset", "$ordinal", "$rep", "$segment", "$tier", "$account" }.Select(name =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            parameters[0].Value = datasetId;
            command.Prepare();
            for (var i = 0; i < accounts.Count; i++)
            {
                var a = accounts[i];
                parameters[1].Value = firstOrdinal + i;
                parameters[2].Value = (object?)a.CurrentRepId ?? DBNull.Value;
                parameters[3].Value = (object?)a.Segment ?? DBNull.Value;
                parameters[4].Value = (object?)a.Tier ?? DBNull.Value;
                parameters[5].Value = a.Json;
                await command.ExecuteNonQueryAsync(cancel);
            }
        }

        /// <summary>A blob cast to text is read as text in the database's encoding (UTF-8).</summary>
        public override string TextFromUtf8(string parameter) => $"CAST({parameter} AS TEXT)";

        public override string Describe() => $"SQLite file {_path}";
    }

    private sealed class PostgresDatabase(string connectionString) : Database
    {
        private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

        public override string Engine => "postgres";
        public override bool IsSingleHost => false;
        public override string SkipLockedClause => "FOR UPDATE SKIP LOCKED";
        public override string? MigrationLockSql => "SELECT pg_advisory_xact_lock(7270001)";
        public override string? PrepareSql => null;
        public override string AccountStatisticsSql => "ANALYZE dataset_accounts";

        public override async Task<DbConnection> OpenAsync(CancellationToken cancel = default) => await _source.OpenConnectionAsync(cancel);

        /// <summary>All rows in one statement, the columns as arrays.</summary>
        public override Task InsertAccountsAsync(DbConnection connection, DbTransaction transaction, string datasetId, int firstOrdinal,
            IReadOnlyList<DatasetAccount> accounts, CancellationToken cancel) =>
            connection.ExecuteAsync(new CommandDefinition(
                $"{InsertAccountColumns} SELECT @datasetId, * FROM unnest(@ordinals, @reps, @segments, @tiers, @json)",
                new
                {
                    datasetId,
                    ordinals = Enumerable.Range(firstOrdinal, accounts.Count).ToArray(),
                    reps = accounts.Select(a => a.CurrentRepId).ToArray(),
                    segments = accounts.Select(a => a.Segment).ToArray(),
                    tiers = accounts.Select(a => a.Tier).ToArray(),
                    json = accounts.Select(a => a.Json).ToArray(),
                },
                transaction, cancellationToken: cancel));

        public override string TextFromUtf8(string parameter) => $"convert_from({parameter}, 'UTF8')";

        public override string Describe()
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
        }
    }
}
