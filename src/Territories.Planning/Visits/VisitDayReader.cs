using Territories.Domain.Model;
using Territories.Domain.Visits;
using Territories.Planning.Routing;

namespace Territories.Planning.Visits;

/// <summary>Reads a rep's routed day back as the plan shows it (<see cref="VisitDay"/>): clock times, the break, road km and work minutes.</summary>
internal static class VisitDayReader
{
    /// <summary>The day's route with clock times, road km and work minutes; <paramref name="visitOf"/> gives the visit of each node.</summary>
    public static VisitDay Read(RepVisitContext context, DateOnly date, Func<int, Visit> visitOf, Route route)
    {
        var breakStart = route.BreakStart;
        var breakMinutes = context.Policy.Workday.BreakMinutes;
        var stops = new List<VisitStop>();
        var position = context.Home;
        long previousEnd = route.Leave;
        double km = 0;
        foreach (var stop in route.Stops)
        {
            var visit = visitOf(stop.Node);
            var location = visit.Account.Location!.Value;
            var travel = context.Travel(position, location);
            var breakFirst = breakStart is { } b && b >= previousEnd && b + breakMinutes <= stop.Start && b < previousEnd + travel ? breakMinutes : 0;
            stops.Add(new VisitStop(visit.Account.Id, visit.Account.Tier, Clock.Format(previousEnd + travel + breakFirst), Clock.Format(stop.Start),
                Clock.Format(stop.Start + visit.Minutes), visit.Appointment is not null));
            km += context.Policy.RoadKm(GreatCircle.DistanceKm(position, location));
            position = location;
            previousEnd = stop.Start + visit.Minutes;
        }
        km += context.Policy.RoadKm(GreatCircle.DistanceKm(position, context.Home));
        var breakInside = breakStart is { } s && s >= route.Leave && s + breakMinutes <= route.Return ? breakMinutes : 0;
        var pause = breakStart is { } start ? new BreakTime(Clock.Format(start), Clock.Format(start + breakMinutes)) : null;
        return new VisitDay(date, Clock.Format(route.Leave), Clock.Format(route.Return), pause, stops, Math.Round(km, 1), (int)(route.Return - route.Leave) - breakInside);
    }
}
