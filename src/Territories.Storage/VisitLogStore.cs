using System.Globalization;
using Dapper;
using Territories.Domain.Actuals;

namespace Territories.Storage;

/// <summary>The visits and sales logged per dataset (issue 15): appended in one transaction per upload, read back by day.</summary>
public sealed class VisitLogStore(Database database, TimeProvider time)
{
    private const string Columns = "id, day, account_id, rep_id, outcome, sale_cents, note, logged_by, logged_at";

    /// <summary>Appends the entries, all or none.</summary>
    public async Task<IReadOnlyList<StoredVisit>> AddAsync(string datasetId, IReadOnlyList<LoggedVisit> visits, string? loggedBy, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var at = StoreTime.Now(time);
        var stored = visits.Select(v => new StoredVisit(StoreTime.NewId(), v, loggedBy, StoreTime.From(at))).ToList();
        await connection.ExecuteAsync(
            """
            INSERT INTO logged_visits (id, dataset_id, day, account_id, rep_id, outcome, sale_cents, note, logged_by, logged_at)
            VALUES (@Id, @datasetId, @day, @account, @rep, @outcome, @cents, @note, @by, @at)
            """,
            stored.Select(s => new
            {
                s.Id, datasetId, day = PlanInForceStore.Day(s.Visit.Date), account = s.Visit.AccountId, rep = s.Visit.RepId, outcome = s.Visit.Outcome,
                cents = s.Visit.Sale is { } sale ? (long?)decimal.ToInt64(sale * 100) : null, note = s.Visit.Note, by = loggedBy, at,
            }), transaction);
        await transaction.CommitAsync(cancel);
        return stored;
    }

    /// <summary>The dataset's entries from <paramref name="from"/> to <paramref name="to"/> (inclusive, either open), by day then as logged.</summary>
    public async Task<IReadOnlyList<StoredVisit>> ListAsync(string datasetId, DateOnly? from = null, DateOnly? to = null, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM logged_visits WHERE dataset_id = @datasetId AND day >= @from AND day <= @to ORDER BY day, id
            """, new { datasetId, from = PlanInForceStore.Day(from ?? DateOnly.MinValue), to = PlanInForceStore.Day(to ?? DateOnly.MaxValue) },
            cancellationToken: cancel));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Day { get; init; } = "";
        public string AccountId { get; init; } = "";
        public string RepId { get; init; } = "";
        public string Outcome { get; init; } = "";
        public long? SaleCents { get; init; }
        public string? Note { get; init; }
        public string? LoggedBy { get; init; }
        public long LoggedAt { get; init; }

        public StoredVisit ToRecord() => new(Id,
            new LoggedVisit(DateOnly.ParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), AccountId, RepId, Outcome, SaleCents / 100m, Note),
            LoggedBy, StoreTime.From(LoggedAt));
    }
}
