using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Access;
using Territories.Api.Actuals;
using Territories.Api.Bodies;
using Territories.Domain.Actuals;
using Territories.Domain.Contracts;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary>
/// A dataset's quota plan in force (issue 14): a planner puts a quota request; its plan, decomposed once, is the dataset's
/// quota plan from then on, relieved by every publication made after it (contract section 8: from each move's day the
/// quota the account carried goes from the old to the new rep; earlier periods never change). Reading it may re-spread
/// it on the sales credited to each rep (the owner on the day of each sale) through a month.
/// </summary>
public static class QuotaPlanInForceEndpoints
{
    public static void MapQuotaPlanInForce(this IEndpointRouteBuilder app)
    {
        var datasets = app.MapGroup("/api/v1/datasets").WithTags("Sales organisation");
        datasets.MapPut("/{id}/quota-plan", Put).Accepts<JsonElement>("application/json").WithName("PutQuotaPlanInForce")
            .WithSummary("Put a quota plan in force for a dataset")
            .WithDescription("A quota request (contract section 5, without `actuals`: they come from the visit log) whose reps are the dataset's. Its plan becomes the dataset's quota plan in force; publications after this one relieve it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForPlanners();
        datasets.MapGet("/{id}/quota-plan", Get).WithName("GetQuotaPlanInForce")
            .WithSummary("The dataset's quota plan in force, relieved")
            .WithDescription("`{ plan, relief, baseSeq, putBy, putAt }`: the plan relieved by every publication since it was put. `actualsThrough=2027-M03` (a month of the plan) closes the months through it with the sales credited to each rep and re-spreads the rest of each rep's quota over the open months (`actuals` lists the credited amounts per rep and period).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
    }

    public static async Task<Results<Ok<QuotaPlanInForce>, ValidationProblem, ProblemHttpResult>> Put(string id, HttpRequest request, Caller caller,
        TerritoryStore store, CancellationToken cancel)
    {
        if (await DatasetActuals.LoadAsync(id, store, cancel) is not { } actuals) return ApiProblems.NotFound("dataset", id);
        var text = await ContractBody.ReadTextAsync(request, BodySize.Small, cancel);
        var reps = actuals.Problem.Reps.Select(r => r.Id.Value).ToHashSet();
        QuotaRequest quotaRequest;
        try
        {
            quotaRequest = ContractJson.Read(text, (root, errors) =>
            {
                var read = QuotaRequestReader.Read(root, errors);
                if (read is null) return null;
                if (read.Actuals.Count > 0) errors.Add(new InputError("actuals", "must be left out: a quota plan in force is re-spread on the sales credited from the dataset's visit log (GET …/quota-plan?actualsThrough=)"));
                for (var i = 0; i < read.Reps.Count; i++)
                    if (!reps.Contains(read.Reps[i].Id.Value)) errors.Add(new InputError($"reps[{i}].id", $"names rep \"{read.Reps[i].Id}\", who is not in the dataset"));
                return errors.Count > 0 ? null : read;
            });
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
        var plan = QuotaPlanner.Plan(quotaRequest);
        var baseSeq = (await store.PlansInForce.LatestAsync(id, cancel))?.Seq ?? 0;
        await store.DatasetPlans.PutAsync(id, DatasetPlanKinds.QuotaPlan, text, ContractSerializer.Write(plan), baseSeq, caller.Name, cancel);
        return TypedResults.Ok(QuotaPlanInForce.Of((await DatasetActuals.LoadAsync(id, store, cancel))!.RelievedQuotaPlan()!, []));
    }

    public static async Task<Results<Ok<QuotaPlanInForce>, ValidationProblem, ProblemHttpResult>> Get(string id, TerritoryStore store, CancellationToken cancel,
        [FromQuery] string? actualsThrough = null)
    {
        if (await DatasetActuals.LoadAsync(id, store, cancel) is not { } actuals) return ApiProblems.NotFound("dataset", id);
        if (actuals.RelievedQuotaPlan() is not { } relieved) return ApiProblems.NotFound("quota plan in force for dataset", id);
        if (actualsThrough is null) return TypedResults.Ok(QuotaPlanInForce.Of(relieved, []));
        var months = relieved.Plan.Periods.Where(p => p.Kind == "month").ToList();
        if (months.All(m => m.Id != actualsThrough))
            return ContractBody.Problem([new InputError("actualsThrough", $"must be a month of the plan in force ({months[0].Id} … {months[^1].Id}), not \"{actualsThrough}\"")]);
        var close = months.First(m => m.Id == actualsThrough).End;
        var credited = SalesCrediting.Credit(await store.VisitLog.ListAsync(id, relieved.Plan.Periods.Min(p => p.Start), close, cancel), actuals.Owners);
        var sold = SalesCrediting.PerRepAndPeriod(credited, relieved.Plan.Periods.Where(p => p.End <= close).Select(p => (p.Id, p.Start, p.End)));
        var respread = PlanRespread.Apply(relieved.Plan, actualsThrough, sold, relieved.Request.Rounding);
        return TypedResults.Ok(QuotaPlanInForce.Of(relieved with { Plan = respread },
            sold.OrderBy(s => s.Key.RepId, StringComparer.Ordinal).ThenBy(s => s.Key.Period, StringComparer.Ordinal)
                .Select(s => new CreditedActual(s.Key.RepId, s.Key.Period, s.Value)).ToList()));
    }
}

/// <summary>Sales credited to a rep in a period of the plan.</summary>
public sealed record CreditedActual(string RepId, string Period, decimal Amount);

/// <summary>The quota plan in force as answered: the plan (relieved, and re-spread when asked), what each move carried, and its origin.</summary>
public sealed record QuotaPlanInForce(QuotaPlan Plan, IReadOnlyList<ReliefEntry> Relief, IReadOnlyList<CreditedActual> Actuals, int BaseSeq, string? PutBy,
    DateTimeOffset PutAt)
{
    public static QuotaPlanInForce Of(RelievedQuotaPlan relieved, IReadOnlyList<CreditedActual> actuals) =>
        new(relieved.Plan, relieved.Relief, actuals, relieved.BaseSeq, relieved.Stored.PutBy, relieved.Stored.PutAt);
}
