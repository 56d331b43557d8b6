using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Storage;
using Territories.Api.Access;


namespace Territories.Api.Features;

/// <summary><c>GET /api/v1/compare?runs=a,b[,c]</c>: plans side by side, and the accounts that change rep between them.</summary>
public static class CompareEndpoints
{
    public const int MaxRuns = 6;

    public static void MapCompare(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/compare", Compare).WithTags("Runs").WithName("CompareRuns")
            .WithSummary("Compare runs side by side")
            .WithDescription("`runs=a,b,…` (2 to 6 run ids): KPIs per run, coverage and the accounts whose rep differs between the runs.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ForMembers();

    public static async Task<Results<Ok<Comparison>, ValidationProblem>> Compare(TerritoryStore store, CancellationToken cancel, [FromQuery] string? runs = null)
    {
        var ids = (runs ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        if (ids.Count is < 2 or > MaxRuns)
            return ContractBody.Problem([new InputError("runs", $"must name 2 to {MaxRuns} different run ids separated by commas, not {ids.Count}")]);
        var errors = new List<InputError>();
        var plans = new List<(RunRecord Run, Plan Plan)>();
        for (var i = 0; i < ids.Count; i++)
        {
            var run = await store.Runs.GetAsync(ids[i], cancel);
            if (run is null) errors.Add(new InputError($"runs[{i}]", $"there is no run with id \"{ids[i]}\""));
            else if (RunResource.PlanOf(run) is not { Assignments.Count: > 0 } plan) errors.Add(new InputError($"runs[{i}]", $"run \"{ids[i]}\" has no plan (it is {run.State.ToString().ToLowerInvariant()})"));
            else plans.Add((run, plan));
        }
        if (errors.Count > 0) return ContractBody.Problem(errors);
        var changes = ChangedAccounts(plans.Select(p => p.Plan).ToList());
        return TypedResults.Ok(new Comparison(plans.Select(p => Column(p.Run, p.Plan)).ToList(), changes.Count, changes));
    }

    private static ComparedRun Column(RunRecord run, Plan plan)
    {
        var accounts = TerritoryProblemReader.Read(run.Problem).Accounts.Count;
        var k = plan.Kpis!;
        return new ComparedRun(run.Id, run.ScenarioId, plan.Status.ToString().ToLowerInvariant(), plan.Objective, k.WorkloadMaxDeviation,
            k.UtilizationMin, k.UtilizationMax, k.UtilizationMax - k.UtilizationMin, k.TotalTravelKm, k.MovedAccounts, k.MovedRevenue,
            accounts, plan.Assignments.Count, accounts == 0 ? 1 : (double)plan.Assignments.Count / accounts, plan.Reps.Count);
    }

    private static List<AccountChange> ChangedAccounts(IReadOnlyList<Plan> plans)
    {
        var repsByPlan = plans.Select(p => p.Assignments.ToDictionary(a => a.AccountId, a => a.RepId)).ToList();
        return repsByPlan.SelectMany(r => r.Keys).Distinct()
            .Select(account => new AccountChange(account, repsByPlan.Select(r => r.TryGetValue(account, out var rep) ? rep : (RepId?)null).ToList()))
            .Where(change => change.RepIds.Distinct().Count() > 1)
            .OrderBy(change => change.AccountId.Value, StringComparer.Ordinal)
            .ToList();
    }
}
