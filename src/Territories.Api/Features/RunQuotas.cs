using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Domain.Plans;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;
using Territories.Storage;

using Territories.Api.Bodies;

namespace Territories.Api.Features;

/// <summary>
/// <c>POST /api/v1/runs/{id}/quotas</c>: from a territory plan to its quotas in one step. The body is a quota request
/// (contract section 5) without rep figures: each rep's <c>potential</c> and <c>lastYear</c> are the sums over the
/// accounts the plan gives it (account potential and revenue). <c>reps</c> may still list <c>{ id, startDate,
/// endDate }</c> for hires and leavers; <c>goal</c> defaults to the scenario's goal.
/// </summary>
public static class RunQuotas
{
    private static readonly HashSet<string> RepDateFields = ["id", "startDate", "endDate"];

    public static async Task<Results<Ok<QuotaPlan>, ValidationProblem, ProblemHttpResult>> Decompose(string id, HttpRequest request, TerritoryStore store,
        CancellationToken cancel)
    {
        if (await store.Runs.GetAsync(id, cancel) is not { } run) return ApiProblems.NotFound("run", id);
        if (RunResource.PlanOf(run) is not { Assignments.Count: > 0 } plan)
            return ApiProblems.Conflict("The run has no plan", $"Run \"{id}\" is {run.State.ToString().ToLowerInvariant()} without a plan; quotas need the plan's territories.");
        var goal = await ScenarioGoalAsync(store, run.ScenarioId, cancel);
        var (merged, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, (root, errors) => Merge(root, plan, goal, errors), cancel);
        if (invalid is not null) return invalid;
        try
        {
            return TypedResults.Ok(QuotaPlanner.Plan(QuotaRequestReader.Read(merged!.ToJsonString())));
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
    }

    private static async Task<decimal?> ScenarioGoalAsync(TerritoryStore store, string scenarioId, CancellationToken cancel) =>
        await store.Scenarios.GetAsync(scenarioId, cancel) is { } scenario ? ScenarioReader.Read(scenario.Document).Goal : null;

    /// <summary>The caller's request with <c>reps</c> built from the plan (dates from the caller's entries) and the goal defaulted.</summary>
    private static JsonObject? Merge(JsonElement root, Plan plan, decimal? goal, List<InputError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new InputError("$", $"must be an object, not {JsonFields.Describe(root)}"));
            return null;
        }
        var body = JsonNode.Parse(root.GetRawText())!.AsObject();
        var dates = CallerDates(body["reps"], plan, errors);
        body["reps"] = new JsonArray(plan.Reps.Select(r =>
        {
            var rep = new JsonObject { ["id"] = r.RepId.Value, ["potential"] = r.Potential, ["lastYear"] = r.Revenue };
            if (dates.TryGetValue(r.RepId.Value, out var given))
            {
                foreach (var (field, value) in given.Where(p => p.Key != "id")) rep[field] = value?.DeepClone();
            }
            return (JsonNode)rep;
        }).ToArray());
        if (!body.ContainsKey("goal") && goal is { } g) body["goal"] = g;
        return errors.Count > 0 ? null : body;
    }

    private static Dictionary<string, JsonObject> CallerDates(JsonNode? reps, Plan plan, List<InputError> errors)
    {
        var dates = new Dictionary<string, JsonObject>();
        if (reps is null) return dates;
        if (reps is not JsonArray list)
        {
            errors.Add(new InputError("reps", "must be an array of { id, startDate, endDate }"));
            return dates;
        }
        var planReps = plan.Reps.Select(r => r.RepId.Value).ToHashSet();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject rep || rep["id"]?.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(new InputError($"reps[{i}]", "must be an object with a string id"));
                continue;
            }
            var repId = rep["id"]!.GetValue<string>();
            if (!planReps.Contains(repId)) errors.Add(new InputError($"reps[{i}].id", $"rep \"{repId}\" is not in the run's plan"));
            foreach (var field in rep.Select(p => p.Key).Where(k => !RepDateFields.Contains(k)))
                errors.Add(new InputError($"reps[{i}].{field}", "cannot be given here: potential and lastYear come from the plan; only startDate and endDate may be set"));
            dates[repId] = rep;
        }
        return dates;
    }
}
