using Territories.Domain.Model;

namespace Territories.Domain.Visits;

/// <summary>The visit plan of contract section 9: per rep and working day a route from home and back; what could not fit, with its reason.</summary>
/// <param name="Required">Visits the policy requires in the period (appointments included).</param>
public sealed record VisitPlan(DateOnly From, int Weeks, int Required, int Planned, IReadOnlyList<RepVisits> Reps, IReadOnlyList<UnplannedVisit> Unplanned, double SolveSeconds);

public sealed record RepVisits(RepId RepId, IReadOnlyList<VisitDay> Days);

/// <summary>One working day on the road. Times are "HH:mm".</summary>
/// <param name="Leave">When the rep leaves home.</param>
/// <param name="Return">When the rep is back home.</param>
/// <param name="Break">The break, when the day has visits and the policy a break.</param>
/// <param name="TravelKm">Road km (great circle x detour factor) from home through every stop and back.</param>
/// <param name="WorkMinutes">Minutes away from home less the break: travel, visits and waiting.</param>
public sealed record VisitDay(DateOnly Date, string Leave, string Return, BreakTime? Break, IReadOnlyList<VisitStop> Stops, double TravelKm, int WorkMinutes);

public sealed record BreakTime(string Start, string End);

/// <summary>One visit: arrival at the account, start and end of the visit ("HH:mm"); appointment when it is a fixed one.</summary>
public sealed record VisitStop(AccountId AccountId, string? Tier, string Arrival, string Start, string End, bool Appointment);

/// <summary>A required visit that is not in the plan, the day it was due and why (a code and a sentence).</summary>
public sealed record UnplannedVisit(AccountId AccountId, RepId RepId, DateOnly Date, string Reason, string Message);

/// <summary>Why a visit is unplanned; the codes of <see cref="UnplannedVisit.Reason"/>.</summary>
public static class UnplannedReasons
{
    /// <summary>Travel there and back plus the visit do not fit in the workday.</summary>
    public const string WorkdayTooShort = "workday-too-short";
    /// <summary>The account's opening hours on that day cannot be reached from home and back within the workday.</summary>
    public const string WindowUnreachable = "window-unreachable";
    /// <summary>The account is closed on every working day it could be visited.</summary>
    public const string Closed = "closed";
    /// <summary>Every day the spacing allows is already full with the rep's other visits.</summary>
    public const string NoRoom = "no-room";
    /// <summary>The days the account can be visited on (open, reachable, clear of its appointments) are too few for the visits due at their spacing.</summary>
    public const string TooFewDays = "too-few-days";
    /// <summary>A fixed appointment that cannot be kept (unreachable in time, overlapping another, or off the working days).</summary>
    public const string AppointmentConflict = "appointment-conflict";
}

/// <summary>Minutes after midnight written "HH:mm", and back.</summary>
public static class Clock
{
    public static string Format(long minute) => $"{minute / 60:00}:{minute % 60:00}";

    public static int Parse(string text) => int.Parse(text[..2], System.Globalization.CultureInfo.InvariantCulture) * 60
        + int.Parse(text[3..], System.Globalization.CultureInfo.InvariantCulture);
}
