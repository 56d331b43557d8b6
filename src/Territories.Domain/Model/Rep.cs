namespace Territories.Domain.Model;

/// <summary>A salesperson, or an open position with no name yet.</summary>
/// <param name="Capacity">Selling time in hours per year; never negative.</param>
/// <param name="MaxAccounts">The most accounts the rep may own; null means no cap.</param>
public sealed record Rep(
    RepId Id,
    string? Name,
    GeoPoint? Home,
    IReadOnlySet<string> Skills,
    double Capacity,
    int? MaxAccounts,
    string? Region)
{
    /// <summary>The leaf org unit the rep belongs to (contract section 8); null without an organisation.</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>True when the rep holds every skill in <paramref name="required"/>.</summary>
    public bool HasSkills(IReadOnlySet<string> required) => required.All(Skills.Contains);
}
