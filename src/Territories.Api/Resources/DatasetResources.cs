using Territories.Domain.Model;
using Territories.Storage;

namespace Territories.Api.Resources;

/// <summary>A dataset as listed: its counts and version, without its reps and accounts.</summary>
/// <param name="Version">Grows by one on every replace; send it back as <c>If-Match</c> to replace safely.</param>
public sealed record DatasetSummary(string Id, string Name, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Reps, int Accounts, int Units)
{
    public static DatasetSummary Of(DatasetRecord d) => new(d.Id, d.Name, d.Version, d.CreatedAt, d.UpdatedAt, d.RepCount, d.AccountCount, d.UnitCount);
}

/// <summary>A dataset: its summary, its reps, and how its accounts split by segment and tier (read the accounts page by page).</summary>
public sealed record DatasetDetail(DatasetSummary Summary, IReadOnlyList<Rep> Reps, IReadOnlyDictionary<string, int> AccountsBySegment,
    IReadOnlyDictionary<string, int> AccountsByTier, double TotalWorkload, decimal TotalPotential, decimal TotalRevenue);

/// <summary>One page of a dataset's accounts, after the filters.</summary>
/// <param name="Total">How many accounts pass the filters, over all pages.</param>
public sealed record AccountPage(int Total, int Offset, int Limit, IReadOnlyList<Account> Items);
