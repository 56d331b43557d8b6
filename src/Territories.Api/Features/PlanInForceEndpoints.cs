using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Access;
using Territories.Domain.Contracts;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary>The plan in force (contract section 8): who owns each account on a day, and an account's owners over time.</summary>
public static class PlanInForceEndpoints
{
    public static void MapPlanInForce(this IEndpointRouteBuilder app)
    {
        var datasets = app.MapGroup("/api/v1/datasets").WithTags("Sales organisation");
        datasets.MapGet("/{id}/assignments", Assignments).WithName("DatasetAssignmentsAsOf")
            .WithSummary("Who owns each account on a day")
            .WithDescription("`asOf` (yyyy-MM-dd, default today in UTC): `{ asOf, assignments: [{ accountId, repId }] }` from the published plans in force; before any publication, the dataset's `currentRepId`s.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        datasets.MapGet("/{id}/accounts/{accountId}/history", History).WithName("AccountOwnerHistory")
            .WithSummary("An account's owners over time")
            .WithDescription("The owner before any publication (`initialRepId`), then each change: from which day, to which rep, from which rep, by which publication.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
    }

    public static async Task<Results<Ok<AssignmentsAsOf>, ValidationProblem, ProblemHttpResult>> Assignments(string id, TerritoryStore store, TimeProvider time,
        CancellationToken cancel, [FromQuery] string? asOf = null)
    {
        var errors = new List<InputError>();
        var day = QueryDate.Parse("asOf", asOf, errors) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (errors.Count > 0) return ContractBody.Problem(errors);
        return await store.PlansInForce.OwnersAsync(id, day, cancel) is { } owners
            ? TypedResults.Ok(new AssignmentsAsOf(day, owners.Select(o => new OwnerOf(o.AccountId, o.RepId)).ToList()))
            : ApiProblems.NotFound("dataset", id);
    }

    public static async Task<Results<Ok<AccountHistory>, ProblemHttpResult>> History(string id, string accountId, TerritoryStore store, CancellationToken cancel)
    {
        if (!await store.Datasets.ExistsAsync(id, cancel)) return ApiProblems.NotFound("dataset", id);
        return await store.PlansInForce.HistoryAsync(id, accountId, cancel) is { } history ? TypedResults.Ok(history) : ApiProblems.NotFound("account", accountId);
    }
}

/// <summary>Who owns each account on <see cref="AsOf"/>.</summary>
public sealed record AssignmentsAsOf(DateOnly AsOf, IReadOnlyList<OwnerOf> Assignments);

/// <summary>An account and its owner on the day asked (null: no owner).</summary>
public sealed record OwnerOf(string AccountId, string? RepId);
