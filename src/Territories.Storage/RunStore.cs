using Dapper;

namespace Territories.Storage;

/// <summary>
/// Durable solve runs. A run is claimed by one instance at a time under a lease that instance renews with each progress
/// report; a run whose lease lapsed (its instance died) is claimed again. Every write after the claim names the lease
/// owner, so an instance that lost its lease can no longer change the run.
/// </summary>
public sealed class RunStore(Database database, TimeProvider time)
{
    /// <summary>Every column but the problem and plan documents: what listings and progress need.</summary>
    private const string StatusColumns = """
        id, scenario_id, state, idempotency_key, created_at, updated_at, started_at, finished_at, lease_owner, lease_expires_at,
        cancel_requested, attempts, solved_by, best_objective, bound, gap, elapsed_seconds, solutions, error
        """;

    private const string Columns = StatusColumns + ", problem, plan";

    /// <summary>A run an instance may claim: queued, or running under a lease that lapsed (its instance died).</summary>
    private const string Claimable = "state = 'queued' OR (state = 'running' AND lease_expires_at < @now)";

    /// <summary>
    /// Queues a run of <paramref name="problem"/>. With an idempotency key already used for this scenario, the run
    /// that key created comes back instead and <c>Created</c> is false.
    /// </summary>
    public async Task<(RunRecord Run, bool Created)> SubmitAsync(string scenarioId, string problem, string? idempotencyKey, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        if (idempotencyKey is not null && await connection.QuerySingleOrDefaultAsync<RunRow>(
                $"SELECT {Columns} FROM runs WHERE scenario_id = @scenarioId AND idempotency_key = @idempotencyKey",
                new { scenarioId, idempotencyKey }, transaction) is { } earlier)
        {
            return (earlier.ToRecord(), false);
        }
        var now = StoreTime.Now(time);
        var row = await connection.QuerySingleAsync<RunRow>(
            $"""
            INSERT INTO runs (id, scenario_id, state, idempotency_key, created_at, updated_at, problem)
            VALUES (@id, @scenarioId, 'queued', @idempotencyKey, @now, @now, @problem)
            RETURNING {Columns}
            """,
            new { id = StoreTime.NewId(), scenarioId, idempotencyKey, now, problem }, transaction);
        await transaction.CommitAsync(cancel);
        return (row.ToRecord(), true);
    }

    /// <summary>Stores a plan made outside the solver (a hand edit) as a completed run of the scenario, finished at once.</summary>
    public async Task<RunRecord> RecordCompletedAsync(string scenarioId, string problem, string plan, RunProgress progress, CancellationToken cancel = default)
    {
        var now = StoreTime.Now(time);
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QuerySingleAsync<RunRow>(
            $"""
            INSERT INTO runs (id, scenario_id, state, created_at, updated_at, started_at, finished_at, best_objective, bound, gap, elapsed_seconds,
                solutions, problem, plan)
            VALUES (@id, @scenarioId, 'completed', @now, @now, @now, @now, @BestObjective, @Bound, @Gap, @ElapsedSeconds, @Solutions, @problem, @plan)
            RETURNING {Columns}
            """,
            new { id = StoreTime.NewId(), scenarioId, now, progress.BestObjective, progress.Bound, progress.Gap, progress.ElapsedSeconds, progress.Solutions,
                problem, plan })).ToRecord();
    }

    public async Task<RunRecord?> GetAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QuerySingleOrDefaultAsync<RunRow>($"SELECT {Columns} FROM runs WHERE id = @id", new { id }))?.ToRecord();
    }

    /// <summary>The run without its problem and plan documents (for progress polls), or null.</summary>
    public async Task<RunRecord?> GetStatusAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QuerySingleOrDefaultAsync<RunRow>($"SELECT {StatusColumns}, '' AS problem, NULL AS plan FROM runs WHERE id = @id", new { id }))?.ToRecord();
    }

    /// <summary>Runs without their problem and plan documents, oldest first; all runs or one scenario's.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(string? scenarioId, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var rows = await connection.QueryAsync<RunRow>(
            $"SELECT {StatusColumns}, '' AS problem, NULL AS plan FROM runs WHERE @scenarioId IS NULL OR scenario_id = @scenarioId ORDER BY seq",
            new { scenarioId });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>True when <see cref="ClaimNextAsync"/> would find a run now (a cheap look that changes nothing).</summary>
    public async Task<bool> AnyClaimableAsync(CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM (SELECT 1 FROM runs WHERE {Claimable} LIMIT 1) AS claimable",
            new { now = StoreTime.Now(time) }) > 0;
    }

    /// <summary>
    /// Claims the oldest queued run, or the oldest running run whose lease lapsed, for <paramref name="owner"/> until
    /// now + <paramref name="lease"/>; null when there is none. On PostgreSQL concurrent claims skip each other's rows.
    /// </summary>
    public async Task<RunRecord?> ClaimNextAsync(string owner, TimeSpan lease, CancellationToken cancel = default)
    {
        var now = StoreTime.Now(time);
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(
            $"""
            UPDATE runs SET state = 'running', lease_owner = @owner, lease_expires_at = @until, attempts = attempts + 1,
                started_at = COALESCE(started_at, @now), updated_at = @now
            WHERE seq = (SELECT seq FROM runs
                         WHERE {Claimable}
                         ORDER BY seq LIMIT 1 {database.SkipLockedClause})
            RETURNING {Columns}
            """,
            new { owner, now, until = now + (long)lease.TotalMilliseconds }, transaction);
        await transaction.CommitAsync(cancel);
        return row?.ToRecord();
    }

    /// <summary>
    /// Extends the lease and stores the latest progress. Answers null when <paramref name="owner"/> no longer holds the
    /// run (its lease lapsed and another instance took it), else whether a cancel was requested.
    /// </summary>
    public async Task<bool?> RenewAsync(string id, string owner, TimeSpan lease, RunProgress progress, CancellationToken cancel = default)
    {
        var now = StoreTime.Now(time);
        await using var connection = await database.OpenAsync(cancel);
        var cancelRequested = await connection.QuerySingleOrDefaultAsync<long?>(
            """
            UPDATE runs SET lease_expires_at = @until, best_objective = @BestObjective, bound = @Bound, gap = @Gap,
                elapsed_seconds = @ElapsedSeconds, solutions = @Solutions, updated_at = @now
            WHERE id = @id AND lease_owner = @owner AND state = 'running'
            RETURNING cancel_requested
            """,
            new { id, owner, now, until = now + (long)lease.TotalMilliseconds, progress.BestObjective, progress.Bound, progress.Gap, progress.ElapsedSeconds, progress.Solutions });
        return cancelRequested is { } requested ? requested != 0 : null;
    }

    /// <summary>Ends a run the owner holds; false when it no longer holds it (nothing is written then).</summary>
    public async Task<bool> FinishAsync(string id, string owner, RunState state, RunProgress progress, string? plan, string? error,
        CancellationToken cancel = default)
    {
        var now = StoreTime.Now(time);
        await using var connection = await database.OpenAsync(cancel);
        var changed = await connection.ExecuteAsync(
            """
            UPDATE runs SET state = @state, plan = @plan, error = @error, finished_at = @now, updated_at = @now, solved_by = @owner,
                lease_owner = NULL, lease_expires_at = NULL, best_objective = @BestObjective, bound = @Bound, gap = @Gap,
                elapsed_seconds = @ElapsedSeconds, solutions = @Solutions
            WHERE id = @id AND lease_owner = @owner AND state = 'running'
            """,
            new { id, owner, state = Name(state), plan, error, now, progress.BestObjective, progress.Bound, progress.Gap, progress.ElapsedSeconds, progress.Solutions });
        return changed == 1;
    }

    /// <summary>Puts a run the owner holds back in the queue (the instance is shutting down); another claim resumes it.</summary>
    public async Task<bool> ReleaseAsync(string id, string owner, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.ExecuteAsync(
            "UPDATE runs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = @now WHERE id = @id AND lease_owner = @owner AND state = 'running'",
            new { id, owner, now = StoreTime.Now(time) }) == 1;
    }

    /// <summary>
    /// Cancels a run: a queued run is cancelled at once; a running run is flagged and its instance stops the search,
    /// keeping the best plan. Final runs are left as they are. Null when there is no such run.
    /// </summary>
    public async Task<RunRecord?> RequestCancelAsync(string id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return (await connection.QuerySingleOrDefaultAsync<RunRow>(
            $"""
            UPDATE runs SET
                cancel_requested = 1,
                finished_at = CASE WHEN state = 'queued' THEN @now ELSE finished_at END,
                state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
                updated_at = @now
            WHERE id = @id AND state IN ('queued', 'running')
            RETURNING {Columns}
            """,
            new { id, now = StoreTime.Now(time) }))?.ToRecord() ?? await GetAsync(id, cancel);
    }

    /// <summary>
    /// Re-queues every running run. Only for a single-host store at start-up: no other instance can be solving them,
    /// so the runs a killed process left behind resume at once instead of after their lease.
    /// </summary>
    public async Task<int> RequeueInterruptedAsync(CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await connection.ExecuteAsync(
            "UPDATE runs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = @now WHERE state = 'running'",
            new { now = StoreTime.Now(time) });
    }

    private static string Name(RunState state) => state.ToString().ToLowerInvariant();

    private sealed class RunRow
    {
        public string Id { get; init; } = "";
        public string ScenarioId { get; init; } = "";
        public string State { get; init; } = "";
        public string? IdempotencyKey { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public long? StartedAt { get; init; }
        public long? FinishedAt { get; init; }
        public string? LeaseOwner { get; init; }
        public long? LeaseExpiresAt { get; init; }
        public long CancelRequested { get; init; }
        public int Attempts { get; init; }
        public string? SolvedBy { get; init; }
        public double? BestObjective { get; init; }
        public double? Bound { get; init; }
        public double? Gap { get; init; }
        public double? ElapsedSeconds { get; init; }
        public int Solutions { get; init; }
        public string Problem { get; init; } = "";
        public string? Plan { get; init; }
        public string? Error { get; init; }

        public RunRecord ToRecord() => new(Id, ScenarioId, Enum.Parse<RunState>(State, ignoreCase: true), IdempotencyKey,
            StoreTime.From(CreatedAt), StoreTime.From(UpdatedAt), StoreTime.From(StartedAt), StoreTime.From(FinishedAt),
            LeaseOwner, StoreTime.From(LeaseExpiresAt), CancelRequested != 0, Attempts, SolvedBy,
            new RunProgress(BestObjective, Bound, Gap, ElapsedSeconds ?? 0, Solutions), Problem, Plan, Error);
    }
}
