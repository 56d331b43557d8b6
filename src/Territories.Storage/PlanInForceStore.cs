using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Territories.Domain.Actuals;

namespace Territories.Storage;

/// <summary>A publication: a run's plan made a dataset's assignment from <see cref="Effective"/> on.</summary>
/// <param name="Seq">1 for the dataset's first publication, then 2, 3, …: a proposal made after publication n is stale once n + 1 exists.</param>
/// <param name="Moved">Accounts whose owner on the effective day changed.</param>
public sealed record Publication(string Id, string DatasetId, int Seq, DateOnly Effective, string RunId, string? ProposalId, string? PublishedBy,
    DateTimeOffset PublishedAt, int Moved);

/// <summary>One change of an account's owner: from <see cref="From"/> on, <see cref="RepId"/> owns it.</summary>
public sealed record OwnerChange(DateOnly From, string RepId, string? PreviousRepId, string PublicationId);

/// <summary>An account's owners over time: its owner before any publication, then each change.</summary>
public sealed record AccountHistory(string AccountId, string? InitialRepId, IReadOnlyList<OwnerChange> Changes);

/// <summary>A publication's outcome: done, the dataset gone, or refused because another publication came first.</summary>
public enum PublishOutcome { Published, NotFound, Stale }

/// <summary>
/// The plan in force per dataset (contract section 8): publications, and per account the days its owner changed. Before
/// any change an account's owner is its <c>currentRepId</c> in the dataset; a publication from day d gives every account
/// the plan's rep from d on, recording only the accounts whose owner on d changes (a later change still holds from its own day).
/// </summary>
public sealed class PlanInForceStore(Database database, TimeProvider time)
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Who owns each account of the dataset on <paramref name="day"/>, in the dataset's order; null when the dataset does not exist.</summary>
    public async Task<IReadOnlyList<(string AccountId, string? RepId)>?> OwnersAsync(string datasetId, DateOnly day, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await OwnersAsync(connection, null, datasetId, day, cancel);
    }

    /// <summary>The dataset's latest publication (the highest seq), or null before any.</summary>
    public async Task<Publication?> LatestAsync(string datasetId, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        return await LatestAsync(connection, null, datasetId, cancel);
    }

    /// <summary>Every account's owner over time: its owner before any publication and every published change; null when the dataset does not exist.</summary>
    public async Task<OwnerTimeline?> TimelineAsync(string datasetId, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        if (await AccountsAsync(connection, null, datasetId, cancel) is not { } accounts) return null;
        var changes = await connection.QueryAsync<(string AccountId, string ValidFrom, string RepId, string? PreviousRepId, long Seq)>(new CommandDefinition(
            """
            SELECT o.account_id, o.valid_from, o.rep_id, o.previous_rep_id, p.seq FROM account_owners o JOIN publications p ON p.id = o.publication_id
            WHERE o.dataset_id = @datasetId
            """, new { datasetId }, cancellationToken: cancel));
        return new OwnerTimeline(accounts, changes.Select(c => new OwnerChangeOn(c.AccountId, ParseDay(c.ValidFrom), c.RepId, c.PreviousRepId, (int)c.Seq)));
    }

    public async Task<AccountHistory?> HistoryAsync(string datasetId, string accountId, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var accounts = await AccountsAsync(connection, null, datasetId, cancel);
        if (accounts?.FirstOrDefault(a => a.AccountId == accountId) is not { AccountId: not null } account) return null;
        var changes = await connection.QueryAsync<(string ValidFrom, string RepId, string? PreviousRepId, string PublicationId)>(new CommandDefinition(
            "SELECT valid_from, rep_id, previous_rep_id, publication_id FROM account_owners WHERE dataset_id = @datasetId AND account_id = @accountId ORDER BY valid_from",
            new { datasetId, accountId }, cancellationToken: cancel));
        return new AccountHistory(accountId, account.CurrentRepId,
            changes.Select(c => new OwnerChange(ParseDay(c.ValidFrom), c.RepId, c.PreviousRepId, c.PublicationId)).ToList());
    }

    /// <summary>
    /// Makes <paramref name="plan"/> (account id to rep id) the dataset's assignment from <paramref name="effective"/> on, as
    /// one transaction; refused as stale when <paramref name="expectedSeq"/> is given and another publication came since.
    /// </summary>
    public async Task<(PublishOutcome Outcome, Publication? Publication)> PublishAsync(string datasetId, DateOnly effective,
        IReadOnlyDictionary<string, string> plan, string runId, string? proposalId, string? publishedBy, int? expectedSeq,
        CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var latest = await LatestAsync(connection, transaction, datasetId, cancel);
        if (expectedSeq is { } expected && (latest?.Seq ?? 0) != expected) return (PublishOutcome.Stale, null);
        if (await OwnersAsync(connection, transaction, datasetId, effective, cancel) is not { } owners) return (PublishOutcome.NotFound, null);
        var id = StoreTime.NewId();
        var day = Day(effective);
        var changes = owners.Where(o => plan.TryGetValue(o.AccountId, out var rep) && rep != o.RepId)
            .Select(o => new { datasetId, accountId = o.AccountId, day, repId = plan[o.AccountId], previous = o.RepId, id }).ToList();
        var publication = new Publication(id, datasetId, (latest?.Seq ?? 0) + 1, effective, runId, proposalId, publishedBy, time.GetUtcNow(), changes.Count);
        try
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO publications (id, dataset_id, seq, effective, run_id, proposal_id, published_by, published_at, moved)
                VALUES (@Id, @DatasetId, @Seq, @day, @RunId, @ProposalId, @PublishedBy, @at, @Moved)
                """,
                new { publication.Id, publication.DatasetId, publication.Seq, day, publication.RunId, publication.ProposalId, publication.PublishedBy,
                    at = StoreTime.Now(time), publication.Moved }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO account_owners (dataset_id, account_id, valid_from, rep_id, previous_rep_id, publication_id)
                VALUES (@datasetId, @accountId, @day, @repId, @previous, @id)
                ON CONFLICT (dataset_id, account_id, valid_from) DO UPDATE SET rep_id = excluded.rep_id, publication_id = excluded.publication_id
                """, changes, transaction);
            await transaction.CommitAsync(cancel);
        }
        catch (DbException) when (expectedSeq is not null)
        {
            return (PublishOutcome.Stale, null); // another publication took this seq first
        }
        return (PublishOutcome.Published, publication);
    }

    private static async Task<Publication?> LatestAsync(DbConnection connection, DbTransaction? transaction, string datasetId, CancellationToken cancel)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PublicationRow>(new CommandDefinition(
            """
            SELECT id, dataset_id, seq, effective, run_id, proposal_id, published_by, published_at, moved FROM publications
            WHERE dataset_id = @datasetId ORDER BY seq DESC LIMIT 1
            """, new { datasetId }, transaction, cancellationToken: cancel));
        return row?.ToRecord();
    }

    private static async Task<IReadOnlyList<(string AccountId, string? RepId)>?> OwnersAsync(DbConnection connection, DbTransaction? transaction,
        string datasetId, DateOnly day, CancellationToken cancel)
    {
        if (await AccountsAsync(connection, transaction, datasetId, cancel) is not { } accounts) return null;
        var changes = await connection.QueryAsync<(string AccountId, string ValidFrom, string RepId)>(new CommandDefinition(
            "SELECT account_id, valid_from, rep_id FROM account_owners WHERE dataset_id = @datasetId AND valid_from <= @day",
            new { datasetId, day = Day(day) }, transaction, cancellationToken: cancel));
        var owners = new OwnerTimeline(accounts, changes.Select(c => new OwnerChangeOn(c.AccountId, ParseDay(c.ValidFrom), c.RepId, null, 0)));
        return accounts.Select(a => (a.AccountId, owners.OwnerOn(a.AccountId, day))).ToList();
    }

    /// <summary>The dataset's account ids and current reps in its order; null when the dataset does not exist.</summary>
    private static async Task<List<(string AccountId, string? CurrentRepId)>?> AccountsAsync(DbConnection connection, DbTransaction? transaction,
        string datasetId, CancellationToken cancel)
    {
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM datasets WHERE id = @datasetId",
            new { datasetId }, transaction, cancellationToken: cancel));
        if (exists == 0) return null;
        var rows = await connection.QueryAsync<(string Account, string? CurrentRepId)>(new CommandDefinition(
            "SELECT account, current_rep_id FROM dataset_accounts WHERE dataset_id = @datasetId ORDER BY ordinal",
            new { datasetId }, transaction, cancellationToken: cancel));
        return rows.Select(r => (IdOf(r.Account), r.CurrentRepId)).ToList();
    }

    private static string IdOf(string accountJson)
    {
        using var document = JsonDocument.Parse(accountJson);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    private sealed class PublicationRow
    {
        public string Id { get; init; } = "";
        public string DatasetId { get; init; } = "";
        public long Seq { get; init; }
        public string Effective { get; init; } = "";
        public string RunId { get; init; } = "";
        public string? ProposalId { get; init; }
        public string? PublishedBy { get; init; }
        public long PublishedAt { get; init; }
        public long Moved { get; init; }

        public Publication ToRecord() => new(Id, DatasetId, (int)Seq, ParseDay(Effective), RunId, ProposalId, PublishedBy, StoreTime.From(PublishedAt), (int)Moved);
    }
}
