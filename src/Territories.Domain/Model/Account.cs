namespace Territories.Domain.Model;

/// <summary>A customer to be covered by exactly one rep.</summary>
/// <param name="Workload">Hours per year to serve the account; null only when pairs give the workload of every pair the account may use.</param>
/// <param name="Potential">Sales potential in the currency's major unit.</param>
/// <param name="Revenue">Revenue last year in the currency's major unit.</param>
/// <param name="CurrentRepId">The owner today; may name a rep who left (the account is then orphaned and must move).</param>
/// <param name="LockedRepId">When set, the account must go to this rep.</param>
/// <param name="OpeningHours">When the account receives visits; null means any time of the workday.</param>
/// <param name="Appointments">Visits fixed in the calendar, which visit planning keeps.</param>
public sealed record Account(
    AccountId Id,
    string? Name,
    GeoPoint? Location,
    string? Segment,
    string? Tier,
    IReadOnlySet<string> RequiredSkills,
    double? Workload,
    decimal Potential,
    decimal Revenue,
    RepId? CurrentRepId,
    RepId? LockedRepId,
    UnitId? UnitId,
    OpeningHours? OpeningHours = null,
    IReadOnlyList<Appointment>? Appointments = null);
