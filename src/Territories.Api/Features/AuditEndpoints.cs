using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Territories.Api.Access;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary><c>GET /api/v1/audit</c>: the trail of successful writes (admin only).</summary>
public static class AuditEndpoints
{
    public const int MaxLimit = 10_000;

    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", List).ForAdmins().WithTags("Audit").WithName("ListAudit")
            .WithSummary("Read the audit trail")
            .WithDescription("Successful writes, oldest first: who, when, method, path, object id and new version. since (an ISO 8601 time) and userId filter; limit caps the answer (default 1000, at most 10000). Admin only.")
            .ProducesValidationProblem();

    public static async Task<Results<Ok<IReadOnlyList<AuditResource>>, ValidationProblem>> List(TerritoryStore store, CancellationToken cancel,
        [FromQuery] string? since = null, [FromQuery] string? userId = null, [FromQuery] int? limit = null)
    {
        List<InputError> errors = [];
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) from = parsed;
            else errors.Add(new InputError("since", "must be an ISO 8601 date or time, e.g. 2027-01-31T08:00:00Z"));
        }
        if (limit is < 1 or > MaxLimit) errors.Add(new InputError("limit", $"must be within [1, {MaxLimit}]"));
        if (errors.Count > 0) return ContractBody.Problem(errors);
        return TypedResults.Ok<IReadOnlyList<AuditResource>>((await store.Audit.ListAsync(from, userId, limit ?? 1000, cancel)).Select(AuditResource.Of).ToList());
    }
}
