using Territories.Domain.Contracts;
using Territories.Domain.Plans;
using Territories.Storage;

namespace Territories.Api.Resources;

/// <summary>A run: where it is, how far the search got, and the plan once there is one.</summary>
/// <param name="State">queued, running, completed, failed or cancelled.</param>
/// <param name="Attempts">How many times an instance started it; above 1 only when an instance died mid-solve and another resumed it.</param>
/// <param name="SolvedBy">The service instance that finished it.</param>
/// <param name="Plan">The plan (contract section 2) when the run completed, or was cancelled after a plan was found; omitted in listings.</param>
/// <param name="Error">Why a failed run failed, in user terms.</param>
public sealed record RunResource(string Id, string ScenarioId, RunState State, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, bool CancelRequested, int Attempts, string? SolvedBy, RunProgress Progress, Plan? Plan, string? Error)
{
    public static RunResource Of(RunRecord r, bool withPlan = true) => new(r.Id, r.ScenarioId, r.State, r.CreatedAt, r.StartedAt, r.FinishedAt,
        r.CancelRequested, r.Attempts, r.SolvedBy, r.Progress, withPlan ? PlanOf(r) : null, r.Error);

    public static Plan? PlanOf(RunRecord r) => r.Plan is { } json ? System.Text.Json.JsonSerializer.Deserialize<Plan>(json, ContractSerializer.Options) : null;
}

/// <summary>One server-sent event of a run: its state and progress (the plan itself is read with <c>GET /runs/{id}</c>).</summary>
public sealed record RunEvent(string RunId, RunState State, RunProgress Progress, DateTimeOffset UpdatedAt, string? Error)
{
    public static RunEvent Of(RunRecord r) => new(r.Id, r.State, r.Progress, r.UpdatedAt, r.Error);
}
