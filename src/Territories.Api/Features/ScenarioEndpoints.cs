using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Resources;
using Territories.Api.Runs;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Scenarios;
using Territories.Storage;
using Territories.Api.Access;


using Territories.Api.Bodies;

namespace Territories.Api.Features;

/// <summary>
/// Scenarios: a dataset plus changes and solver options. Create, read, update and delete with optimistic concurrency
/// (<c>ETag</c> / <c>If-Match</c>, 412 on a stale write), clone, read the resolved problem, and submit runs. A scenario
/// belongs to the user who created it: only that user, a manager or an admin may change or delete it (others get 403).
/// </summary>
public static class ScenarioEndpoints
{
    public static void MapScenarios(this IEndpointRouteBuilder app)
    {
        var scenarios = app.MapGroup("/api/v1/scenarios").WithTags("Scenarios");
        scenarios.MapGet("/", List).WithName("ListScenarios")
            .WithSummary("List scenarios")
            .WithDescription("Every scenario, or those of one dataset with `datasetId`.").ForMembers();
        scenarios.MapPost("/", Create).Accepts<JsonElement>("application/json").WithName("CreateScenario")
            .WithSummary("Create a scenario")
            .WithDescription("A named what-if on a dataset: changes (reps removed or added, accounts locked) and solve options. Answers 201 with the scenario and its ETag.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners();
        scenarios.MapGet("/{id}", Get).WithName("GetScenario")
            .WithSummary("Get a scenario")
            .WithDescription("The scenario with its ETag (its version).")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        scenarios.MapPut("/{id}", Update).Accepts<JsonElement>("application/json").WithName("UpdateScenario")
            .WithSummary("Update a scenario")
            .WithDescription("Replaces the scenario's changes and options. Send the ETag you read as If-Match: a stale one answers 412, so two planners never overwrite each other.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners();
        scenarios.MapDelete("/{id}", Delete).WithName("DeleteScenario")
            .WithSummary("Delete a scenario")
            .WithDescription("Deletes the scenario; its finished runs stay readable. Refused with 409 while one of its runs is queued or running; with If-Match, 412 when someone changed it since.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ForPlanners();
        scenarios.MapPost("/{id}/clone", Clone).WithName("CloneScenario")
            .WithSummary("Clone a scenario")
            .WithDescription("A copy under a new id, to vary one setting and compare.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForPlanners();
        scenarios.MapGet("/{id}/problem", Problem).WithName("GetScenarioProblem")
            .WithSummary("Get the problem a scenario solves")
            .WithDescription("The dataset with the scenario's changes and options applied, as a territory problem; 400 when the changes no longer fit the dataset.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        scenarios.MapPost("/{id}/runs", Submit).WithName("SubmitRun")
            .WithSummary("Start a run of a scenario")
            .WithDescription("Queues a durable solve and answers 202 with the run. An Idempotency-Key header makes retries answer the same run.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForPlanners().LimitedAsRun();
        scenarios.MapGet("/{id}/runs", Runs).WithName("ListScenarioRuns")
            .WithSummary("List a scenario's runs")
            .WithDescription("Newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
    }

    public static async Task<Ok<IReadOnlyList<ScenarioResource>>> List(TerritoryStore store, CancellationToken cancel, [FromQuery] string? datasetId = null) =>
        TypedResults.Ok<IReadOnlyList<ScenarioResource>>((await store.Scenarios.ListAsync(datasetId, cancel)).Select(ScenarioResource.Of).ToList());

    public static async Task<Results<Created<ScenarioResource>, ValidationProblem>> Create(HttpRequest request, Caller caller, TerritoryStore store,
        CancellationToken cancel)
    {
        var (scenario, text, invalid) = await ReadValidAsync(request, store, cancel);
        if (invalid is not null) return invalid;
        var record = await store.Scenarios.CreateAsync(scenario!.DatasetId, scenario.Name, text!, caller.Id, cancel);
        if (record is null) return DatasetMissing(scenario.DatasetId);
        return Created(request.HttpContext, record);
    }

    public static async Task<Results<Ok<ScenarioResource>, ProblemHttpResult>> Get(string id, HttpResponse response, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Scenarios.GetAsync(id, cancel) is not { } record) return ApiProblems.NotFound("scenario", id);
        ETags.Set(response, record.Version);
        return TypedResults.Ok(ScenarioResource.Of(record));
    }

    /// <summary>Replaces the scenario; with <c>If-Match</c>, only if nobody changed it since that version (else 412 with the current version).</summary>
    public static async Task<Results<Ok<ScenarioResource>, ValidationProblem, ProblemHttpResult>> Update(string id, HttpRequest request, Caller caller,
        TerritoryStore store, CancellationToken cancel)
    {
        if (await RefuseUnlessOwnerAsync(id, caller, store, cancel) is { } refused) return refused;
        var (scenario, text, invalid) = await ReadValidAsync(request, store, cancel);
        if (invalid is not null) return invalid;
        var write = await store.Scenarios.UpdateAsync(id, scenario!.DatasetId, scenario.Name, text!, ETags.RequiredVersion(request), cancel);
        return Written(write, id, request.HttpContext.Response);
    }

    /// <summary>Deletes the scenario (its finished runs stay readable); 409 while one of its runs is queued or running.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpRequest request, Caller caller, TerritoryStore store,
        CancellationToken cancel)
    {
        if (await RefuseUnlessOwnerAsync(id, caller, store, cancel) is { } refused) return refused;
        var write = await store.Scenarios.DeleteAsync(id, ETags.RequiredVersion(request), cancel);
        return write.Outcome switch
        {
            WriteOutcome.NotFound => ApiProblems.NotFound("scenario", id),
            WriteOutcome.VersionMismatch => ApiProblems.Stale("scenario", id, write.Value!.Version),
            WriteOutcome.InUse => ApiProblems.Conflict("The scenario has active runs",
                $"Runs {string.Join(", ", write.UsedBy)} of scenario \"{id}\" are queued or running; cancel them first.",
                new Dictionary<string, object?> { ["runIds"] = write.UsedBy }),
            _ => TypedResults.NoContent(),
        };
    }

    /// <summary>Copies the scenario under a new id, owned by the caller; <c>?name=</c> names the copy (default: "copy of …").</summary>
    public static async Task<Results<Created<ScenarioResource>, ProblemHttpResult>> Clone(string id, HttpContext context, Caller caller, TerritoryStore store,
        CancellationToken cancel, [FromQuery] string? name = null)
    {
        if (await store.Scenarios.GetAsync(id, cancel) is not { } original) return ApiProblems.NotFound("scenario", id);
        var document = JsonNode.Parse(original.Document)!.AsObject();
        var copyName = string.IsNullOrWhiteSpace(name) ? $"copy of {original.Name}" : name;
        document["name"] = copyName;
        var copy = await store.Scenarios.CreateAsync(original.DatasetId, copyName, document.ToJsonString(), caller.Id, cancel);
        return copy is null ? ApiProblems.NotFound("dataset", original.DatasetId) : Created(context, copy);
    }

    /// <summary>The territory problem the scenario resolves to on its dataset today (contract section 1): what a run would solve.</summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> Problem(string id, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Scenarios.GetAsync(id, cancel) is not { } record) return ApiProblems.NotFound("scenario", id);
        var (problem, invalid) = await ResolveAsync(ScenarioReader.Read(record.Document), store, cancel);
        return invalid is not null ? invalid : TypedResults.Content(TerritoryProblemWriter.Write(problem!), "application/json");
    }

    /// <summary>The longest <c>Idempotency-Key</c> header accepted (a UUID is 36 characters).</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>
    /// Queues a run of the scenario as it resolves now (later edits do not change the run) and answers 202 with its
    /// <c>Location</c>. An <c>Idempotency-Key</c> header already used for this scenario answers the run it created.
    /// </summary>
    public static async Task<Results<Accepted<RunResource>, ValidationProblem, ProblemHttpResult>> Submit(string id, HttpRequest request, TerritoryStore store,
        RunSignal signal, CancellationToken cancel)
    {
        if (await store.Scenarios.GetAsync(id, cancel) is not { } record) return ApiProblems.NotFound("scenario", id);
        var (problem, invalid) = await ResolveAsync(ScenarioReader.Read(record.Document), store, cancel);
        if (invalid is not null) return invalid;
        var key = request.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 } k ? k : null;
        if (key is { Length: > MaxIdempotencyKeyLength })
            return ContractBody.Problem([new InputError("Idempotency-Key", $"is {key.Length:N0} characters long; at most {MaxIdempotencyKeyLength} are accepted")]);
        var (run, created) = await store.Runs.SubmitAsync(id, TerritoryProblemWriter.Write(problem!), key, cancel);
        if (created) signal.Notify();
        return TypedResults.Accepted($"/api/v1/runs/{run.Id}", RunResource.Of(run));
    }

    public static async Task<Results<Ok<IReadOnlyList<RunResource>>, ProblemHttpResult>> Runs(string id, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Scenarios.GetAsync(id, cancel) is null) return ApiProblems.NotFound("scenario", id);
        return TypedResults.Ok<IReadOnlyList<RunResource>>((await store.Runs.ListAsync(id, cancel)).Select(r => RunResource.Of(r, withPlan: false)).ToList());
    }

    /// <summary>404 when the scenario does not exist, 403 when the caller may not change it (<see cref="Caller.MayChangeOwnedBy"/>), else null.</summary>
    public static async Task<ProblemHttpResult?> RefuseUnlessOwnerAsync(string id, Caller caller, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Scenarios.GetAsync(id, cancel) is not { } scenario) return ApiProblems.NotFound("scenario", id);
        return caller.MayChangeOwnedBy(scenario.OwnerId) ? null : ApiProblems.NotOwner("scenario", id);
    }

    /// <summary>Reads the body as a scenario and checks it against its dataset; answers the scenario and the text to store.</summary>
    private static async Task<(Scenario? Scenario, string? Text, ValidationProblem? Invalid)> ReadValidAsync(HttpRequest request, TerritoryStore store,
        CancellationToken cancel)
    {
        var text = await ContractBody.ReadTextAsync(request, BodySize.Small, cancel);
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.Read(text);
        }
        catch (InvalidInputException e)
        {
            return (null, null, ContractBody.Problem(e));
        }
        var (_, invalid) = await ResolveAsync(scenario, store, cancel);
        return (scenario, text, invalid);
    }

    /// <summary>The problem the scenario makes of its dataset, or the errors that prevent it.</summary>
    private static async Task<(TerritoryProblem? Problem, ValidationProblem? Invalid)> ResolveAsync(Scenario scenario, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Datasets.GetAsync(scenario.DatasetId, cancel) is not { } dataset) return (null, DatasetMissing(scenario.DatasetId));
        try
        {
            return (ScenarioResolver.Resolve(TerritoryProblemReader.Read(dataset.Document), scenario), null);
        }
        catch (InvalidInputException e)
        {
            return (null, ContractBody.Problem(e));
        }
    }

    private static ValidationProblem DatasetMissing(string datasetId) =>
        ContractBody.Problem([new InputError("datasetId", $"there is no dataset with id \"{datasetId}\"")]);

    private static Results<Ok<ScenarioResource>, ValidationProblem, ProblemHttpResult> Written(StoreWrite<ScenarioRecord> write, string id, HttpResponse response)
    {
        switch (write.Outcome)
        {
            case WriteOutcome.NotFound: return ApiProblems.NotFound("scenario", id);
            case WriteOutcome.VersionMismatch: return ApiProblems.Stale("scenario", id, write.Value!.Version);
        }
        ETags.Set(response, write.Value!.Version);
        return TypedResults.Ok(ScenarioResource.Of(write.Value));
    }

    private static Created<ScenarioResource> Created(HttpContext context, ScenarioRecord record)
    {
        ETags.Set(context.Response, record.Version);
        return TypedResults.Created($"/api/v1/scenarios/{record.Id}", ScenarioResource.Of(record));
    }
}
