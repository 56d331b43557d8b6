using System.Text.Json;
using Territories.Domain.Actuals;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Quotas;
using Territories.Domain.Visits;
using Territories.Planning.Quotas;
using Territories.Storage;

namespace Territories.Api.Actuals;

/// <summary>The quota plan in force after relief: the plan as put, the moves since, and what each move carried.</summary>
/// <param name="BaseSeq">The publication the plan was put in force after; the publications after it relieve it.</param>
public sealed record RelievedQuotaPlan(QuotaPlan Plan, QuotaRequest Request, int BaseSeq, IReadOnlyList<ReliefEntry> Relief, DatasetPlan Stored);

/// <summary>
/// What the actuals endpoints read of one dataset: its book and organisation, who owns what on every day, and the
/// planning documents in force. The relieved quota plan is computed here, in one place, from the stored plan and the
/// publications made since it was put in force (contract section 8): periods before each move's day never change.
/// </summary>
public sealed class DatasetActuals(TerritoryProblem problem, OwnerTimeline owners, DatasetPlan? quotaPlan, DatasetPlan? visitPolicy)
{
    public TerritoryProblem Problem { get; } = problem;
    public OwnerTimeline Owners { get; } = owners;

    public VisitPolicy? Policy { get; } = visitPolicy is null ? null : VisitPolicyReader.Read(visitPolicy.Request);

    public static async Task<DatasetActuals?> LoadAsync(string datasetId, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Datasets.GetAsync(datasetId, cancel) is not { } dataset) return null;
        if (await store.PlansInForce.TimelineAsync(datasetId, cancel) is not { } owners) return null;
        return new DatasetActuals(TerritoryProblemReader.Read(dataset.Document), owners,
            await store.DatasetPlans.GetAsync(datasetId, DatasetPlanKinds.QuotaPlan, cancel), await store.DatasetPlans.GetAsync(datasetId, DatasetPlanKinds.VisitPolicy, cancel));
    }

    /// <summary>The quota plan in force, relieved by every publication since it was put; null when none is in force.</summary>
    public RelievedQuotaPlan? RelievedQuotaPlan()
    {
        if (quotaPlan is null) return null;
        var plan = JsonSerializer.Deserialize<QuotaPlan>(quotaPlan.Document, ContractSerializer.Options)!;
        var request = QuotaRequestReader.Read(quotaPlan.Request);
        var values = Problem.Accounts.ToDictionary(a => a.Id.Value, a => new AccountValue(a.Potential, a.Revenue));
        var moves = PublishedMoves.Of(Owners, quotaPlan.BaseSeq, values, request.Method, plan.Reps.Select(r => r.RepId.Value).ToHashSet());
        var (relieved, relief) = QuotaReliever.Apply(plan, moves);
        return new RelievedQuotaPlan(relieved, request, quotaPlan.BaseSeq, relief, quotaPlan);
    }

    /// <summary>The dataset's account and rep ids, which logged entries must name.</summary>
    public LoggedVisitReader VisitReader() =>
        new(Problem.Accounts.Select(a => a.Id.Value).ToHashSet(), Problem.Reps.Select(r => r.Id.Value).ToHashSet());
}
