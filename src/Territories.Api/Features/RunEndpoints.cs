using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Resources;
using Territories.Storage;
using Territories.Api.Access;


namespace Territories.Api.Features;

/// <summary>Durable solve runs: state and progress, the plan, a server-sent event stream, and cancel.</summary>
public static class RunEndpoints
{
    /// <summary>How often the event stream looks at the store for news (progress is written about once a second).</summary>
    public static readonly TimeSpan EventPoll = TimeSpan.FromMilliseconds(250);

    public static void MapRuns(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/v1/runs").WithTags("Runs");
        runs.MapGet("/", List).WithName("ListRuns")
            .WithSummary("List runs")
            .WithDescription("Every run, or those of one scenario with `scenarioId`.").ForMembers();
        runs.MapGet("/{id}", Get).WithName("GetRun")
            .WithSummary("Get a run")
            .WithDescription("State (queued, running, completed, cancelled, failed), progress (best objective, bound, gap, plans found) and, once completed, the plan.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        runs.MapGet("/{id}/events", Events).WithName("RunEvents")
            .WithSummary("Follow a run as server-sent events")
            .WithDescription("`progress` events while it runs, then one `finished` event with the final state.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        runs.MapDelete("/{id}", Cancel).WithName("CancelRun")
            .WithSummary("Cancel a run")
            .WithDescription("Stops the search and keeps the best plan found so far; a run that has already finished answers 200 as it is.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForPlanners();
        runs.MapPost("/{id}/quotas", RunQuotas.Decompose).WithName("RunQuotas")
            .WithSummary("Turn a run's plan into quotas")
            .WithDescription("The body is a quota request (contract section 5) without rep figures: each rep's potential and last year are the sums over the accounts the plan gives it; `reps` may still list start and end dates; `goal` defaults to the scenario's. 409 when the run has no plan.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners().LimitedAsSolve();
    }

    public static async Task<Ok<IReadOnlyList<RunResource>>> List(TerritoryStore store, CancellationToken cancel, [FromQuery] string? scenarioId = null) =>
        TypedResults.Ok<IReadOnlyList<RunResource>>((await store.Runs.ListAsync(scenarioId, cancel)).Select(r => RunResource.Of(r, withPlan: false)).ToList());

    public static async Task<Results<Ok<RunResource>, ProblemHttpResult>> Get(string id, TerritoryStore store, CancellationToken cancel) =>
        await store.Runs.GetAsync(id, cancel) is { } run ? TypedResults.Ok(RunResource.Of(run)) : ApiProblems.NotFound("run", id);

    /// <summary>
    /// <c>text/event-stream</c>: a <c>progress</c> event each time the run's state or progress changes, then one
    /// <c>finished</c> event when it completes, fails or is cancelled, and the stream ends.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<RunEvent>, ProblemHttpResult>> Events(string id, TerritoryStore store, CancellationToken cancel) =>
        await store.Runs.GetStatusAsync(id, cancel) is null ? ApiProblems.NotFound("run", id) : TypedResults.ServerSentEvents(Stream(id, store, cancel));

    /// <summary>
    /// Cancels the run: a queued run is cancelled at once (200); a running run stops its search and keeps the best plan
    /// found so far (202: poll the run until its state is cancelled). A finished run is answered as it is (200). Only the
    /// owner of the run's scenario, a manager or an admin may cancel it (403).
    /// </summary>
    public static async Task<Results<Ok<RunResource>, Accepted<RunResource>, ProblemHttpResult>> Cancel(string id, Caller caller, TerritoryStore store,
        CancellationToken cancel)
    {
        if (await store.Runs.GetStatusAsync(id, cancel) is not { } status) return ApiProblems.NotFound("run", id);
        var owner = (await store.Scenarios.GetAsync(status.ScenarioId, cancel))?.OwnerId;
        if (!caller.MayChangeOwnedBy(owner)) return ApiProblems.NotOwner("run", id);
        if (await store.Runs.RequestCancelAsync(id, cancel) is not { } run) return ApiProblems.NotFound("run", id);
        return run.State == RunState.Running
            ? TypedResults.Accepted($"/api/v1/runs/{id}", RunResource.Of(run))
            : TypedResults.Ok(RunResource.Of(run));
    }

    private static async IAsyncEnumerable<SseItem<RunEvent>> Stream(string id, TerritoryStore store, [EnumeratorCancellation] CancellationToken cancel)
    {
        DateTimeOffset? last = null;
        while (!cancel.IsCancellationRequested)
        {
            if (await store.Runs.GetStatusAsync(id, cancel) is not { } run) yield break;
            if (run.UpdatedAt != last)
            {
                last = run.UpdatedAt;
                yield return new SseItem<RunEvent>(RunEvent.Of(run), run.IsFinal ? "finished" : "progress");
            }
            if (run.IsFinal) yield break;
            await Task.Delay(EventPoll, cancel);
        }
    }
}
