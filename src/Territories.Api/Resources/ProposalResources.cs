using System.Text.Json;
using Territories.Storage;

namespace Territories.Api.Resources;

/// <summary>One account that a proposal gives another owner.</summary>
public sealed record OwnerChangeResource(string AccountId, string? FromRepId, string ToRepId);

/// <summary>A proposal: its state, the approvals it still needs, each decision with who and when, and the accounts that change owner.</summary>
/// <param name="State">submitted, approved, rejected, published, or stale (a publication on the dataset came after it was made).</param>
/// <param name="UnitsNeeded">Every org unit whose reps gain or lose an account.</param>
/// <param name="ApprovalsNeeded">The units of <paramref name="UnitsNeeded"/> that have not decided yet.</param>
public sealed record ProposalResource(string Id, string State, string DatasetId, string RunId, DateOnly Effective, string? Note, string? CreatedBy,
    DateTimeOffset CreatedAt, IReadOnlyList<string> UnitsNeeded, IReadOnlyList<string> ApprovalsNeeded, IReadOnlyList<ProposalDecision> Decisions,
    IReadOnlyList<OwnerChangeResource> Changes, string? PublicationId)
{
    public static ProposalResource Of(ProposalRecord p, int latestSeq) => new(p.Id, StateOf(p, latestSeq), p.DatasetId, p.RunId, p.Effective, p.Note,
        p.CreatedBy, p.CreatedAt, p.UnitsNeeded, p.UnitsNeeded.Where(u => p.Decisions.All(d => d.UnitId != u)).ToList(), p.Decisions,
        JsonSerializer.Deserialize<List<OwnerChangeResource>>(p.Changes, JsonSerializerOptions.Web)!, p.PublicationId);

    /// <summary>Stale: still open (submitted or approved) while another publication replaced the plan in force it was made against.</summary>
    public static string StateOf(ProposalRecord p, int latestSeq) =>
        p.State is ProposalStates.Submitted or ProposalStates.Approved && latestSeq != p.BaseSeq ? ProposalStates.Stale : p.State;
}

/// <summary>An org unit of a dataset's organisation with the users assigned to manage it.</summary>
public sealed record OrgUnitResource(string Id, string? Name, string? ParentId, int Level, IReadOnlyList<string> ManagerIds);
