using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Api.Access;
using Territories.Api.Bodies;
using Territories.Api.Resources;
using Territories.Api.Runs;
using Territories.Domain.Contracts;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary>
/// Rebalancing a run's plan by hand: the problem the run solved, a hand edit (accounts given to other reps) evaluated
/// against it without sending the problem, and a hand-edited plan recorded as a finished run of the scenario, so it
/// can be proposed, compared and turned into quotas like any solved plan.
/// </summary>
public static class RunEditEndpoints
{
    public static void MapRunEdits(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/v1/runs").WithTags("Runs");
        runs.MapGet("/{id}/problem", Problem).WithName("GetRunProblem")
            .WithSummary("The problem a run solved")
            .WithDescription("The territory problem (contract section 1) the run was given: the scenario's changes applied to its dataset as they were when the run started.")
            .Produces<JsonElement>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        runs.MapPost("/{id}/analyze", Analyze).Accepts<JsonElement>("application/json").WithName("AnalyzeRunEdit")
            .WithSummary("Evaluate a hand edit of a run's plan")
            .WithDescription("Body `{ \"moves\": [ { \"accountId\", \"repId\" } ] }`: the run's plan with each account given to the move's rep, evaluated against the run's problem as `POST /plans/analyze` does (broken rules, KPIs, rep figures), without sending the problem. 409 when the run has no plan.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ForPlanners();
        runs.MapPost("/{id}/edits", Record).Accepts<JsonElement>("application/json").WithName("RecordRunEdit")
            .WithSummary("Record a hand-edited plan as a new run")
            .WithDescription("Body `{ \"moves\": [ { \"accountId\", \"repId\" } ] }` (at least one). The evaluator re-checks the edited plan against the run's problem; when every hard rule holds it is stored as a new completed run of the same scenario (status `feasible`, engine `manual`, `edit` naming the base run, who edited it and the moves) and answered 201, ready to be proposed. 409 when the edited plan breaks a hard rule (the rules are listed) or the run has no plan.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ForPlanners();
    }

    /// <summary>The stored problem as it is; a finished run is also read into <see cref="RunPlans"/> meanwhile, ready for the moves that follow.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Problem(string id, TerritoryStore store, RunPlans runs, CancellationToken cancel)
    {
        if (await store.Runs.GetAsync(id, cancel) is not { } run) return ApiProblems.NotFound("run", id);
        runs.Prepare(run);
        return TypedResults.Text(run.Problem, "application/json");
    }

    public static async Task<Results<Ok<Analysis>, ValidationProblem, ProblemHttpResult>> Analyze(string id, HttpRequest request, RunPlans runs,
        CancellationToken cancel)
    {
        var (edit, invalid, refused) = await EditAsync(id, request, runs, cancel);
        if (invalid is not null) return invalid;
        if (refused is not null) return refused;
        return TypedResults.Ok(Analysis.Of(edit!.Evaluation));
    }

    public static async Task<Results<Created<RunResource>, ValidationProblem, ProblemHttpResult>> Record(string id, HttpRequest request, Caller caller,
        RunPlans runs, TerritoryStore store, TimeProvider time, CancellationToken cancel)
    {
        var (edit, invalid, refused) = await EditAsync(id, request, runs, cancel);
        if (invalid is not null) return invalid;
        if (refused is not null) return refused;
        var (based, moves, assignments, e) = edit!;
        if (moves.Count == 0) return ContractBody.Problem([new InputError("moves", "is empty: a hand edit gives at least one account to another rep (propose the run itself otherwise)")]);
        if (!e.IsFeasible)
            return ApiProblems.Conflict("The edited plan breaks hard rules",
                $"{e.Violations.Count} rule(s) broken, e.g. {string.Join("; ", e.Violations.Take(3).Select(v => $"{v.Rule}: {v.Message}"))}. Only a plan that keeps every hard rule can be recorded.",
                new Dictionary<string, object?> { ["violations"] = e.Violations });
        var plan = new Plan(PlanStatus.Feasible, e.Objective, null, null, 0, null, assignments, e.Reps, e.Kpis, e.ObjectiveTerms,
            new SolveReport(null, null, 1, "manual"), [])
        {
            OrgUnits = e.OrgUnits,
            Edit = new PlanEdit(based.Run.Id, caller.Name, time.GetUtcNow(), moves),
        };
        var recorded = await store.Runs.RecordCompletedAsync(based.Run.ScenarioId, based.Run.Problem, ContractSerializer.Write(plan),
            new RunProgress((double)e.Objective, null, null, 0, 1), cancel);
        return TypedResults.Created($"/api/v1/runs/{recorded.Id}", RunResource.Of(recorded));
    }

    /// <summary>A hand edit read from the body and evaluated against the run: the base run, the moves, the edited assignment and its evaluation.</summary>
    private sealed record Edit(LoadedRun Base, IReadOnlyList<Assignment> Moves, IReadOnlyList<Assignment> Assignments, PlanEvaluation Evaluation);

    /// <summary>The evaluated edit; or the body's errors (400); or why the run cannot be edited (404, 409).</summary>
    private static async Task<(Edit? Edit, ValidationProblem? Invalid, ProblemHttpResult? Refused)> EditAsync(string id, HttpRequest request, RunPlans runs,
        CancellationToken cancel)
    {
        var (moves, invalid) = await ContractBody.ReadAsync(request, BodySize.Document, ReadMoves, cancel);
        if (invalid is not null) return (null, invalid, null);
        if (await runs.GetAsync(id, cancel) is not { } run) return (null, null, ApiProblems.NotFound("run", id));
        if (run.Plan is not { Assignments.Count: > 0 })
            return (null, null, ApiProblems.Conflict("The run has no plan", $"Run \"{id}\" has no plan to edit (state {run.Run.State.ToString().ToLowerInvariant()})."));
        var errors = new List<InputError>();
        var assignments = run.Apply(moves!, errors);
        if (errors.Count > 0) return (null, ContractBody.Problem(errors), null);
        return (new Edit(run, moves!.Select(m => m.Move).ToList(), assignments, PlanEvaluator.Evaluate(run.Problem, assignments)), null, null);
    }

    private static List<(Assignment Move, string Path)>? ReadMoves(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } f) return null;
        var moves = PlanEndpoints.ReadAssignments(f, "moves", errors);
        f.RejectUnknown();
        return errors.Count > 0 ? null : moves;
    }
}
