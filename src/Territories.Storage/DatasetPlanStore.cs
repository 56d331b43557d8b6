using Dapper;

namespace Territories.Storage;

/// <summary>The kinds of planning document a dataset has in force.</summary>
public static class DatasetPlanKinds
{
    public const string QuotaPlan = "quota-plan";
    public const string VisitPolicy = "visit-policy";
}

/// <summary>A planning document in force for a dataset.</summary>
/// <param name="Request">What the planner put: the quota request, or the visit policy.</param>
/// <param name="Document">What it gave: the quota plan as decomposed then (never recomputed), or the policy again.</param>
/// <param name="BaseSeq">The dataset's latest publication when it was put (0 before any): relief applies the publications after it.</param>
public sealed record DatasetPlan(string DatasetId, string Kind, string Request, string Document, int BaseSeq, string? PutBy, DateTimeOffset PutAt);

/// <summary>The planning documents in force per dataset (its quota plan, its visit policy): one per kind, replaced when put again.</summary>
public sealed class DatasetPlanStore(Database database, TimeProvider time)
{
    public async Task PutAsync(string datasetId, string kind, string request, string document, int baseSeq, string? putBy, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dataset_plans (dataset_id, kind, request, document, base_seq, put_by, put_at) VALUES (@datasetId, @kind, @request, @document, @baseSeq, @putBy, @at)
            ON CONFLICT (dataset_id, kind) DO UPDATE SET request = excluded.request, document = excluded.document, base_seq = excluded.base_seq,
                put_by = excluded.put_by, put_at = excluded.put_at
            """, new { datasetId, kind, request, document, baseSeq, putBy, at = StoreTime.Now(time) }, cancellationToken: cancel));
    }

    public async Task<DatasetPlan?> GetAsync(string datasetId, string kind, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenAsync(cancel);
        var row = await connection.QuerySingleOrDefaultAsync<(string Request, string Document, long BaseSeq, string? PutBy, long PutAt)>(new CommandDefinition(
            "SELECT request, document, base_seq, put_by, put_at FROM dataset_plans WHERE dataset_id = @datasetId AND kind = @kind",
            new { datasetId, kind }, cancellationToken: cancel));
        return row.Request is null ? null : new DatasetPlan(datasetId, kind, row.Request, row.Document, (int)row.BaseSeq, row.PutBy, StoreTime.From(row.PutAt));
    }
}
