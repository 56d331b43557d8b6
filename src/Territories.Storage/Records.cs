namespace Territories.Storage;

/// <summary>A stored book of business: the territory problem document (contract section 1) and its counts.</summary>
/// <param name="Version">Starts at 1 and grows by one on every replace; the HTTP ETag.</param>
/// <param name="Document">The dataset as contract JSON.</param>
public sealed record DatasetRecord(string Id, string Name, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int RepCount, int AccountCount, int UnitCount, string Document);

/// <summary>
/// What a new or replaced dataset holds, produced while the store writes it: its accounts one by one (in the document's
/// order, stored as rows so that a page of accounts reads only that page) a batch at a time, each batch written before
/// the next is asked for, then its document (the export format), counts and overview. All of it is written in one
/// transaction: when producing it throws (invalid input found half-way), nothing of it is kept.
/// </summary>
public abstract record DatasetContent
{
    /// <summary>The account rows in the document's order, a batch at a time.</summary>
    public abstract IEnumerable<IReadOnlyList<DatasetAccount>> AccountBatches();

    /// <summary>The rest of the content, once every batch of <see cref="AccountBatches"/> has been written.</summary>
    public abstract DatasetDocument Complete();
}

/// <summary>A dataset's document as UTF-8 JSON (stored as text), the counts shown in listings, and its overview.</summary>
/// <param name="Overview">What the dataset's detail shows besides its counts, as JSON; read without the document.</param>
public sealed record DatasetDocument(string Name, int RepCount, int UnitCount, byte[] Utf8Json, string? Overview);

/// <summary>A dataset without its document, and its overview (null for a dataset stored before overviews were kept).</summary>
public sealed record DatasetOverview(DatasetRecord Dataset, string? Overview);

/// <summary>One account of a dataset: its contract JSON (as in the document) and the fields pages filter on.</summary>
public sealed record DatasetAccount(string? CurrentRepId, string? Segment, string? Tier, string Json);

/// <summary>Which accounts a page holds: the filters (null = any) and the window over the accounts that pass them, in the dataset's order.</summary>
public sealed record AccountQuery(string? CurrentRepId, string? Segment, string? Tier, int Offset, int Limit)
{
    public bool IsFiltered => CurrentRepId is not null || Segment is not null || Tier is not null;
}

/// <summary>A page of a dataset's accounts as their contract JSON.</summary>
/// <param name="Total">How many accounts pass the filters, over all pages.</param>
public sealed record AccountRows(int Total, IReadOnlyList<string> Items);

/// <summary>A stored scenario: a dataset plus changes and solver options, kept as the scenario's JSON document.</summary>
/// <param name="Version">Starts at 1 and grows by one on every update; the HTTP ETag.</param>
/// <param name="OwnerId">The user who created it (null for scenarios made before users existed): with managers and admins, the only one who may change it.</param>
public sealed record ScenarioRecord(string Id, string DatasetId, string Name, int Version, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, string Document, string? OwnerId);

/// <summary>Where a run is in its life: queued, then running, then one of the three final states.</summary>
public enum RunState { Queued, Running, Completed, Failed, Cancelled }

/// <summary>The search's latest figures as the solving instance last reported them.</summary>
/// <param name="BestObjective">The objective of the best plan so far; null before the first plan.</param>
/// <param name="Bound">The best proven lower bound so far, on the objective's scale.</param>
public sealed record RunProgress(double? BestObjective, double? Bound, double? Gap, double ElapsedSeconds, int Solutions);

/// <summary>A durable solve job.</summary>
/// <param name="Problem">The territory problem (contract JSON) as resolved when the run was submitted.</param>
/// <param name="Plan">The plan (contract JSON) once the run completed or was cancelled with a plan.</param>
/// <param name="Attempts">How many times an instance claimed the run; more than 1 only after an instance died mid-solve.</param>
/// <param name="SolvedBy">The instance that finished the run.</param>
public sealed record RunRecord(string Id, string ScenarioId, RunState State, string? IdempotencyKey,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string? LeaseOwner, DateTimeOffset? LeaseExpiresAt, bool CancelRequested, int Attempts, string? SolvedBy,
    RunProgress Progress, string Problem, string? Plan, string? Error)
{
    public bool IsFinal => State is RunState.Completed or RunState.Failed or RunState.Cancelled;
}

/// <summary>The result of a write that may find the row gone, changed by someone else, or still needed.</summary>
public enum WriteOutcome { Done, NotFound, VersionMismatch, InUse }

/// <summary>A write's outcome, the row as written, and when <see cref="WriteOutcome.InUse"/>, what still needs it.</summary>
public sealed record StoreWrite<T>(WriteOutcome Outcome, T? Value, IReadOnlyList<string> UsedBy) where T : class
{
    public static StoreWrite<T> Done(T value) => new(WriteOutcome.Done, value, []);
    public static StoreWrite<T> NotFound { get; } = new(WriteOutcome.NotFound, null, []);
    public static StoreWrite<T> VersionMismatch(T current) => new(WriteOutcome.VersionMismatch, current, []);
    public static StoreWrite<T> InUse(IReadOnlyList<string> usedBy) => new(WriteOutcome.InUse, null, usedBy);
}
