using Territories.Domain.Model;
using Territories.Domain.Visits;

namespace Territories.Planning.Visits;

/// <summary>One visit to place: which account, which of its visits, and the appointment when it is a fixed one.</summary>
internal sealed record Visit(Account Account, int Minutes, Appointment? Appointment)
{
    public int? FixedStart => Appointment is { } a ? a.Start.Hour * 60 + a.Start.Minute : null;
}

/// <summary>What planning one rep's visits needs: the rep's home, the period and policy, and travel minutes.</summary>
internal sealed class RepVisitContext(Rep rep, VisitDemand demand)
{
    public Rep Rep { get; } = rep;
    public GeoPoint Home { get; } = rep.Home!.Value;
    public VisitDemand Demand { get; } = demand;
    public VisitPolicy Policy => Demand.Policy;
    public IReadOnlyList<DateOnly> Days => Demand.Days;

    public int Travel(GeoPoint from, GeoPoint to) => Policy.ScheduledTravelMinutes(from, to);

    /// <summary>
    /// The spans of the day when the visit may start: opening hours within the workday (an appointment: its agreed time,
    /// opening hours notwithstanding); empty when it cannot take place that day.
    /// </summary>
    public IReadOnlyList<(int From, int To)> StartSpans(Visit visit, DateOnly date)
    {
        var workday = Policy.Workday;
        if (visit.FixedStart is { } fixedStart)
            return fixedStart >= workday.StartMinute && fixedStart + visit.Minutes <= workday.EndMinute ? [(fixedStart, fixedStart)] : [];
        var open = visit.Account.OpeningHours is { } hours
            ? hours.On(date.DayOfWeek).Select(w => (w.FromMinute, w.ToMinute))
            : [(workday.StartMinute, workday.EndMinute)];
        return open.Select(w => (From: Math.Max(w.Item1, workday.StartMinute), To: Math.Min(w.Item2, workday.EndMinute) - visit.Minutes))
            .Where(s => s.To >= s.From).ToList();
    }

    /// <summary>True when the account receives visits on that day of the week at all.</summary>
    public bool IsOpen(Visit visit, DateOnly date) => StartSpans(visit, date).Count > 0;
}
