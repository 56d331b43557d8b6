using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Access;
using Territories.Api.Bodies;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Organisation;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary>
/// Proposals and approvals (contract section 8): a planner proposes a run's plan from a day on; every org unit whose reps
/// gain or lose an account needs an approval from a manager assigned to it or to a unit above it (an admin may approve
/// for any unit); approved proposals are published as the plan in force; a proposal overtaken by another publication is
/// stale. Admins assign managers to a dataset's units. Every transition is a write, so the audit trail records it.
/// </summary>
public static class ProposalEndpoints
{
    public static void MapProposals(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/runs/{id}/proposals", Propose).WithTags("Sales organisation").Accepts<JsonElement>("application/json").WithName("ProposeRunPlan")
            .WithSummary("Propose a run's plan from a day on")
            .WithDescription("Body `{ \"effective\": \"2027-07-01\", \"note\": \"…\" }`. Answers 201 with the proposal (state `submitted`, or `approved` when no account changes owner); 409 when the run has no plan.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ForPlanners();
        var proposals = app.MapGroup("/api/v1/proposals").WithTags("Sales organisation");
        proposals.MapGet("/", List).WithName("ListProposals")
            .WithSummary("List proposals")
            .WithDescription("`needsApprovalBy=me`: the submitted proposals the caller may still decide for some unit (all submitted ones for an admin). Without it, the submitted proposals.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ForMembers();
        proposals.MapGet("/{id}", Get).WithName("GetProposal")
            .WithSummary("Get a proposal")
            .WithDescription("The state, the approvals still needed, each decision with who and when, and the accounts that change owner.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        proposals.MapPost("/{id}/approve", Approve).Accepts<JsonElement>("application/json").WithName("ApproveProposal")
            .WithSummary("Approve a proposal for the units you manage")
            .WithDescription("Body `{ \"note\": \"…\" }` (optional). Records an approval for every unit still needed that the caller manages (directly or from a unit above); an admin approves for all. 403 when the caller manages none of them; 409 when it is not submitted any more, is stale, or the caller's units have decided already.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ForManagers();
        proposals.MapPost("/{id}/reject", Reject).Accepts<JsonElement>("application/json").WithName("RejectProposal")
            .WithSummary("Reject a proposal for the units you manage")
            .WithDescription("As approve; one rejection makes the proposal `rejected`.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ForManagers();
        proposals.MapPost("/{id}/publish", Publish).WithName("PublishProposal")
            .WithSummary("Publish an approved proposal")
            .WithDescription("Makes the run's plan the dataset's plan in force from the proposal's effective day (state `published`). 409 when it is not approved, or stale (another publication came since it was made).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ForPlanners();
        app.MapGet("/api/v1/datasets/{id}/org-units", OrgUnits).WithTags("Sales organisation").WithName("ListOrgUnits")
            .WithSummary("A dataset's org units and their managers")
            .WithDescription("Every unit of the dataset's organisation, top-down, with its level and the ids of the users who manage it.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
        app.MapPut("/api/v1/datasets/{id}/org-units/{unitId}/managers", SetManagers).WithTags("Sales organisation").Accepts<JsonElement>("application/json")
            .WithName("SetOrgUnitManagers")
            .WithSummary("Assign the managers of an org unit")
            .WithDescription("Body `{ \"userIds\": [\"…\"] }`: users with role `manager` who decide proposals for this unit and the units below it (replaces the unit's managers).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ForAdmins();
    }

    public static async Task<Results<Created<ProposalResource>, ValidationProblem, ProblemHttpResult>> Propose(string id, HttpRequest request, Caller caller,
        TerritoryStore store, CancellationToken cancel)
    {
        var (body, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, (root, errors) =>
        {
            if (JsonFields.Of(root, "", errors) is not { } fields) return null;
            var text = fields.String("effective", required: true);
            var note = fields.String("note");
            fields.RejectUnknown();
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var effective)) return new ProposalBody(effective, note);
            fields.Error("effective", $"must be a date such as 2027-07-01, not \"{text}\"");
            return null;
        }, cancel);
        if (invalid is not null) return invalid;
        if (await store.Runs.GetAsync(id, cancel) is not { } run) return ApiProblems.NotFound("run", id);
        if (RunResource.PlanOf(run) is not { Assignments.Count: > 0 } plan)
            return ApiProblems.Conflict("The run has no plan", $"Run \"{id}\" has no plan to propose (state {run.State.ToString().ToLowerInvariant()}).");
        if (await store.Scenarios.GetAsync(run.ScenarioId, cancel) is not { } scenario) return ApiProblems.NotFound("scenario", run.ScenarioId);
        var latest = await store.PlansInForce.LatestAsync(scenario.DatasetId, cancel);
        if (await store.PlansInForce.OwnersAsync(scenario.DatasetId, body!.Effective, cancel) is not { } owners) return ApiProblems.NotFound("dataset", scenario.DatasetId);
        var problem = TerritoryProblemReader.Read(run.Problem);
        var planned = plan.Assignments.ToDictionary(a => a.AccountId.Value, a => a.RepId.Value);
        var changes = owners.Where(o => planned.TryGetValue(o.AccountId, out var rep) && rep != o.RepId)
            .Select(o => new OwnerChangeResource(o.AccountId, o.RepId, planned[o.AccountId])).ToList();
        var units = changes.SelectMany(c => new[] { c.FromRepId, c.ToRepId }).OfType<string>().Distinct()
            .Select(rep => problem.HasRep(new RepId(rep)) ? problem.Reps[problem.RepIndexOf(new RepId(rep))].OrgUnitId : null)
            .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var proposal = await store.Proposals.CreateAsync(scenario.DatasetId, run.Id, body.Effective, body.Note, latest?.Seq ?? 0, units,
            JsonSerializer.Serialize(changes, JsonSerializerOptions.Web), caller.Name, cancel);
        return TypedResults.Created($"/api/v1/proposals/{proposal.Id}", ProposalResource.Of(proposal, latest?.Seq ?? 0));
    }

    public static async Task<Results<Ok<ProposalResource>, ProblemHttpResult>> Get(string id, TerritoryStore store, CancellationToken cancel) =>
        await store.Proposals.GetAsync(id, cancel) is { } proposal ? TypedResults.Ok(await ResourceOf(proposal, store, cancel)) : ApiProblems.NotFound("proposal", id);

    public static async Task<Results<Ok<IReadOnlyList<ProposalResource>>, ValidationProblem>> List(Caller caller, TerritoryStore store, CancellationToken cancel,
        [FromQuery] string? needsApprovalBy = null)
    {
        if (needsApprovalBy is not null and not "me")
            return ContractBody.Problem([new InputError("needsApprovalBy", $"must be \"me\", not \"{needsApprovalBy}\"")]);
        var open = new List<ProposalResource>();
        foreach (var proposal in await store.Proposals.ListAsync(ProposalStates.Submitted, cancel))
        {
            var resource = await ResourceOf(proposal, store, cancel);
            if (resource.State != ProposalStates.Submitted) continue;
            if (needsApprovalBy is null || (await UnitsDecidableBy(caller, proposal, store, cancel)).Count > 0) open.Add(resource);
        }
        return TypedResults.Ok<IReadOnlyList<ProposalResource>>(open);
    }

    public static Task<Results<Ok<ProposalResource>, ValidationProblem, ProblemHttpResult>> Approve(string id, HttpRequest request, Caller caller,
        TerritoryStore store, CancellationToken cancel) => Decide(id, ProposalStates.Approved, request, caller, store, cancel);

    public static Task<Results<Ok<ProposalResource>, ValidationProblem, ProblemHttpResult>> Reject(string id, HttpRequest request, Caller caller,
        TerritoryStore store, CancellationToken cancel) => Decide(id, ProposalStates.Rejected, request, caller, store, cancel);

    private static async Task<Results<Ok<ProposalResource>, ValidationProblem, ProblemHttpResult>> Decide(string id, string decision, HttpRequest request,
        Caller caller, TerritoryStore store, CancellationToken cancel)
    {
        var note = (string?)null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, (root, errors) =>
            {
                if (JsonFields.Of(root, "", errors) is not { } fields) return null;
                var text = fields.String("note");
                fields.RejectUnknown();
                return new DecisionBody(text);
            }, cancel);
            if (invalid is not null) return invalid;
            note = body!.Note;
        }
        if (await store.Proposals.GetAsync(id, cancel) is not { } proposal) return ApiProblems.NotFound("proposal", id);
        var state = (await ResourceOf(proposal, store, cancel)).State;
        if (state != ProposalStates.Submitted) return NotOpen(id, state);
        var units = await UnitsDecidableBy(caller, proposal, store, cancel);
        if (units.Count == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not a manager of these units",
                detail: $"Proposal \"{id}\" needs approvals from unit(s) {string.Join(", ", Pending(proposal))}; you manage none of them nor a unit above them.");
        var (outcome, decided) = await store.Proposals.DecideAsync(id, units, decision, caller.Id, caller.Name, note, cancel);
        return outcome switch
        {
            DecisionOutcome.Recorded => TypedResults.Ok(await ResourceOf(decided!, store, cancel)),
            DecisionOutcome.NotFound => ApiProblems.NotFound("proposal", id),
            DecisionOutcome.NotOpen => NotOpen(id, decided!.State),
            _ => ApiProblems.Conflict("Already decided", $"Your unit(s) {string.Join(", ", units)} have already decided proposal \"{id}\"."),
        };
    }

    public static async Task<Results<Ok<ProposalResource>, ProblemHttpResult>> Publish(string id, Caller caller, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Proposals.GetAsync(id, cancel) is not { } proposal) return ApiProblems.NotFound("proposal", id);
        var state = (await ResourceOf(proposal, store, cancel)).State;
        if (state != ProposalStates.Approved) return NotOpen(id, state);
        if (await store.Runs.GetAsync(proposal.RunId, cancel) is not { } run || RunResource.PlanOf(run) is not { } plan) return ApiProblems.NotFound("run", proposal.RunId);
        var (outcome, publication) = await store.PlansInForce.PublishAsync(proposal.DatasetId, proposal.Effective,
            plan.Assignments.ToDictionary(a => a.AccountId.Value, a => a.RepId.Value), run.Id, proposal.Id, caller.Name, proposal.BaseSeq, cancel);
        if (outcome == PublishOutcome.NotFound) return ApiProblems.NotFound("dataset", proposal.DatasetId);
        if (outcome == PublishOutcome.Stale || !await store.Proposals.MarkPublishedAsync(id, publication!.Id, cancel)) return NotOpen(id, ProposalStates.Stale);
        return TypedResults.Ok(await ResourceOf((await store.Proposals.GetAsync(id, cancel))!, store, cancel));
    }

    public static async Task<Results<Ok<IReadOnlyList<OrgUnitResource>>, ProblemHttpResult>> OrgUnits(string id, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Datasets.GetAsync(id, cancel) is not { } dataset) return ApiProblems.NotFound("dataset", id);
        var tree = TerritoryProblemReader.Read(dataset.Document).Org;
        var managers = (await store.Proposals.ManagersAsync(id, cancel)).ToLookup(m => m.UnitId, m => m.UserId);
        return TypedResults.Ok<IReadOnlyList<OrgUnitResource>>(tree.TopDown().Select(u => tree.Units[u])
            .Select(u => new OrgUnitResource(u.Id, u.Name, u.ParentId, tree.DepthOf(tree.IndexOf(u.Id)), managers[u.Id].ToList())).ToList());
    }

    public static async Task<Results<Ok<OrgUnitResource>, ValidationProblem, ProblemHttpResult>> SetManagers(string id, string unitId, HttpRequest request,
        TerritoryStore store, CancellationToken cancel)
    {
        var (body, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, (root, errors) =>
        {
            if (JsonFields.Of(root, "", errors) is not { } fields) return null;
            var ids = fields.Array("userIds", required: true).Select(x => x.Item.ValueKind == JsonValueKind.String ? x.Item.GetString()! : null).ToList();
            for (var i = 0; i < ids.Count; i++) if (ids[i] is null) fields.Error($"userIds[{i}]", "must be a user id (a string)");
            fields.RejectUnknown();
            return ids.OfType<string>().ToList();
        }, cancel);
        if (invalid is not null) return invalid;
        if (await store.Datasets.GetAsync(id, cancel) is not { } dataset) return ApiProblems.NotFound("dataset", id);
        var tree = TerritoryProblemReader.Read(dataset.Document).Org;
        if (!tree.Contains(unitId)) return ApiProblems.NotFound("org unit", unitId);
        var errors = new List<InputError>();
        for (var i = 0; i < body!.Count; i++)
        {
            var user = await store.Users.GetAsync(body[i], cancel);
            if (user is null) errors.Add(new InputError($"userIds[{i}]", $"names unknown user \"{body[i]}\""));
            else if (user.Role != Roles.Manager) errors.Add(new InputError($"userIds[{i}]", $"user \"{user.Name}\" has role {user.Role}; unit managers have role manager"));
        }
        if (errors.Count > 0) return ContractBody.Problem(errors);
        await store.Proposals.SetManagersAsync(id, unitId, body, cancel);
        var unit = tree.Units[tree.IndexOf(unitId)];
        return TypedResults.Ok(new OrgUnitResource(unit.Id, unit.Name, unit.ParentId, tree.DepthOf(tree.IndexOf(unitId)), body.Distinct().Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>The units still needed that the caller may decide: all for an admin; for a manager those it manages or sits above.</summary>
    private static async Task<IReadOnlyList<string>> UnitsDecidableBy(Caller caller, ProposalRecord proposal, TerritoryStore store, CancellationToken cancel)
    {
        var pending = Pending(proposal);
        if (caller.IsAdmin) return pending;
        if (caller.Role != Roles.Manager) return [];
        var managed = (await store.Proposals.ManagersAsync(proposal.DatasetId, cancel)).Where(m => m.UserId == caller.Id).Select(m => m.UnitId).ToHashSet();
        if (managed.Count == 0 || await store.Runs.GetAsync(proposal.RunId, cancel) is not { } run) return [];
        var tree = TerritoryProblemReader.Read(run.Problem).Org;
        return pending.Where(u => tree.Contains(u) && tree.SelfAndAncestors(tree.IndexOf(u)).Any(a => managed.Contains(tree.Units[a].Id))).ToList();
    }

    private static List<string> Pending(ProposalRecord proposal) => proposal.UnitsNeeded.Where(u => proposal.Decisions.All(d => d.UnitId != u)).ToList();

    private static async Task<ProposalResource> ResourceOf(ProposalRecord proposal, TerritoryStore store, CancellationToken cancel) =>
        ProposalResource.Of(proposal, (await store.PlansInForce.LatestAsync(proposal.DatasetId, cancel))?.Seq ?? 0);

    private static ProblemHttpResult NotOpen(string id, string state) => ApiProblems.Conflict(
        state == ProposalStates.Stale ? "The proposal is stale" : $"The proposal is {state}",
        state == ProposalStates.Stale
            ? $"Proposal \"{id}\" was made against a plan in force that another publication has since replaced; propose the run again."
            : $"Proposal \"{id}\" is {state}; this step is not open to it.",
        new Dictionary<string, object?> { ["state"] = state });

    private sealed record ProposalBody(DateOnly Effective, string? Note);

    private sealed record DecisionBody(string? Note);
}
