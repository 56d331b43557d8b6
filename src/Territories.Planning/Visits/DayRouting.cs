using Territories.Domain.Model;
using Territories.Domain.Visits;
using Territories.Planning.Routing;

namespace Territories.Planning.Visits;

/// <summary>Routes one rep's day with <see cref="RouteSolver"/> (ruin and recreate, a fixed iteration budget): home, the day's visits with their start spans and lengths, the break; reads the route back as a <see cref="VisitDay"/>.</summary>
internal static class DayRouting
{
    private const long VisitPenalty = 1_000_000;
    private const long AppointmentPenalty = 100 * VisitPenalty;

    /// <summary>The route of the day, and the visits it could not fit.</summary>
    public static (VisitDay? Day, IReadOnlyList<Visit> Dropped) Route(RepVisitContext context, DateOnly date, IReadOnlyList<Visit> visits)
    {
        var impossible = visits.Where(v => !context.IsOpen(v, date)).ToList();
        var possible = visits.Where(v => context.IsOpen(v, date)).ToList();
        if (possible.Count == 0) return (null, impossible);
        var instance = Instance(context, date, possible);
        var result = RouteSolver.Solve(instance, RoutingSearch.Deterministic(possible.Count));
        if (result.Routes is not { } routes) return (null, visits);
        var dropped = result.Dropped.Select(node => possible[node - 1]).Concat(impossible).ToList();
        return routes.Count == 0 ? (null, dropped) : (Day(context, date, possible, routes[0]), dropped);
    }

    private static RoutingInstance Instance(RepVisitContext context, DateOnly date, IReadOnlyList<Visit> visits)
    {
        var points = visits.Select(v => v.Account.Location!.Value).Prepend(context.Home).ToArray();
        var travel = points.Select(a => points.Select(b => (long)context.Travel(a, b)).ToArray()).ToArray();
        var workday = context.Policy.Workday;
        return new RoutingInstance
        {
            Travel = travel,
            Service = visits.Select(v => (long)v.Minutes).Prepend(0).ToArray(),
            Windows = visits.Select(v => (IReadOnlyList<Span>)context.StartSpans(v, date).Select(s => new Span(s.From, s.To)).ToList())
                .Prepend([]).ToArray(),
            HorizonStart = workday.StartMinute,
            HorizonEnd = workday.EndMinute,
            Break = workday.BreakMinutes > 0 ? BreakWindow(workday) : null,
            MinimiseDuration = true,
            DropPenalty = visits.Select(v => v.Appointment is null ? VisitPenalty : AppointmentPenalty).Prepend(0).ToArray(),
        };
    }

    /// <summary>A lunch break: it starts within an hour and a half of the middle of the workday (or anywhere, on a short day).</summary>
    public static BreakRule BreakWindow(Workday workday)
    {
        var middle = (workday.StartMinute + workday.EndMinute - workday.BreakMinutes) / 2;
        var earliest = Math.Max(workday.StartMinute, middle - 90);
        var latest = Math.Min(workday.EndMinute - workday.BreakMinutes, middle + 90);
        return new BreakRule(earliest, Math.Max(earliest, latest), workday.BreakMinutes);
    }

    private static VisitDay Day(RepVisitContext context, DateOnly date, IReadOnlyList<Visit> visits, Route route)
    {
        var breakStart = route.BreakStart;
        var breakMinutes = context.Policy.Workday.BreakMinutes;
        var stops = new List<VisitStop>();
        var position = context.Home;
        long previousEnd = route.Leave;
        double km = 0;
        foreach (var stop in route.Stops)
        {
            var visit = visits[stop.Node - 1];
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
