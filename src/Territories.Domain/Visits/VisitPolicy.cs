using Territories.Domain.Model;

namespace Territories.Domain.Visits;

/// <summary>How often and how long one tier's accounts are visited.</summary>
/// <param name="VisitsPerYear">Visits a year (from visitsPerWeek x 52, visitsPerMonth x 12, visitsPerQuarter x 4 or visitsPerYear).</param>
public sealed record TierVisits(double VisitsPerYear, int Minutes)
{
    /// <summary>Visits due in a period of <paramref name="weeks"/> weeks, rounded to the nearest whole visit.</summary>
    public int VisitsIn(int weeks) => (int)Math.Round(VisitsPerYear * weeks / 52.0, MidpointRounding.AwayFromZero);
}

/// <summary>A rep's working day: start and end at home, and a break of the given length taken during it.</summary>
public sealed record Workday(TimeOnly Start, TimeOnly End, int BreakMinutes)
{
    public static Workday Default { get; } = new(new TimeOnly(8, 30), new TimeOnly(17, 30), 45);

    public int StartMinute => Start.Hour * 60 + Start.Minute;
    public int EndMinute => End.Hour * 60 + End.Minute;

    /// <summary>Minutes of work (travel and visits) a day allows: the span less the break.</summary>
    public int WorkMinutes => EndMinute - StartMinute - BreakMinutes;
}

/// <summary>
/// The visit policy of contract section 9: visit frequency and length per tier, the workday, the working days, and how
/// travel time is derived from distance (great-circle km x detour factor at the given speed).
/// </summary>
public sealed record VisitPolicy(
    IReadOnlyDictionary<string, TierVisits> Tiers,
    Workday Workday,
    IReadOnlySet<DayOfWeek> WorkingDays,
    double SpeedKmh,
    double DetourFactor)
{
    public const double DefaultSpeedKmh = 60;
    public const double DefaultDetourFactor = 1.3;

    /// <summary>Road km for a great-circle distance.</summary>
    public double RoadKm(double greatCircleKm) => greatCircleKm * DetourFactor;

    /// <summary>Minutes on the road between two points.</summary>
    public double TravelMinutes(GeoPoint from, GeoPoint to) => RoadKm(GreatCircle.DistanceKm(from, to)) / SpeedKmh * 60;

    /// <summary>Travel minutes rounded up to a whole minute, as schedules use them.</summary>
    public int ScheduledTravelMinutes(GeoPoint from, GeoPoint to) => (int)Math.Ceiling(TravelMinutes(from, to) - 1e-9);

    /// <summary>
    /// Hours a year an account costs a rep: its yearly visits x (visit minutes + the round trip from the rep's home), the
    /// contract's workload from a policy. The account's tier must be in the policy.
    /// </summary>
    public double YearlyHours(Account account, Rep rep)
    {
        var visits = Tiers[account.Tier!];
        var roundTrip = 2 * TravelMinutes(rep.Home!.Value, account.Location!.Value);
        return visits.VisitsPerYear * (visits.Minutes + roundTrip) / 60;
    }
}
