using Territories.Domain.Model;
using Territories.Domain.Visits;
using Territories.Planning.Routing;

namespace Territories.Planning.Visits;

/// <summary>
/// One rep's period as one periodic routing model (<see cref="PeriodicInstance"/>): node 0 is home; each account due
/// regular visits is one node whose visits are spread evenly over the days (<see cref="SpacedVisitDays"/>: as many as fit,
/// the i-th of j in the i-th of j equal slices of the working days, at least the contract's gap apart, never on or
/// within that gap of one of its appointments); each appointment is a node of its own on its one day at its agreed
/// time. Each working day is the rep's day with every rule of <see cref="RouteRules"/>: the visit's start spans from the
/// opening hours (several a day), service minutes, the lunch break, leave and return within the workday, travel plus the
/// day's duration as cost. A visit that cannot take place on a day even alone (closed, or its window cannot be reached
/// and home regained) is not allowed on that day, so the search never tries it there.
/// </summary>
internal sealed class RepPeriodModel
{
    /// <summary>What a planned visit is worth: far above any day's minutes, so the search plans every visit it can.</summary>
    public const long VisitPenalty = 1_000_000;

    /// <summary>An appointment outweighs a hundred regular visits: it is kept whenever it can be.</summary>
    public const long AppointmentPenalty = 100 * VisitPenalty;

    /// <summary>One node of the model: a visit (regular or an appointment), how many times it is due, its allowed days.</summary>
    public sealed record Node(Visit Visit, int Due, VisitDays Days, bool[] FitsAlone);

    private readonly RepVisitContext _context;

    public RepPeriodModel(RepVisitContext context, IEnumerable<Account> accounts)
    {
        _context = context;
        var demand = context.Demand;
        var dayIndex = context.Days.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        var visits = new List<(Visit Visit, int Due, int? Day)>();
        foreach (var account in accounts)
        {
            var due = demand.VisitsDue(account);
            if (due == 0) continue;
            var appointments = demand.AppointmentsOf(account);
            foreach (var appointment in appointments)
            {
                var visit = new Visit(account, appointment.Minutes ?? demand.MinutesOf(account), appointment);
                if (dayIndex.TryGetValue(appointment.Date, out var day)) visits.Add((visit, 1, day));
                else Unplanned.Add(Missed(visit, appointment.Date, UnplannedReasons.AppointmentConflict, "the appointment is not on a working day"));
            }
            var regular = new Visit(account, demand.MinutesOf(account), null);
            var count = due - appointments.Count;
            if (count <= 0) continue;
            if (TooFar(regular) is { } tooFar) Unplanned.AddRange(Enumerable.Repeat(Missed(regular, context.Days[0], UnplannedReasons.WorkdayTooShort, tooFar), count));
            else visits.Add((regular, count, null));
        }
        // The same places every day: one travel matrix and one list of visit minutes for all days.
        var points = visits.Select(v => v.Visit.Account.Location!.Value).Prepend(context.Home).ToArray();
        var travel = points.Select(a => points.Select(b => (long)context.Travel(a, b)).ToArray()).ToArray();
        var service = visits.Select(v => (long)v.Visit.Minutes).Prepend(0).ToArray();
        var days = context.Days.Select(date => Day(date, visits.Select(v => v.Visit).ToList(), travel, service)).ToList();
        var rules = days.Select(d => new RouteRules(d)).ToList();
        Nodes = visits.Select((v, i) =>
        {
            var fitsAlone = Enumerable.Range(0, days.Count).Select(d => context.IsOpen(v.Visit, context.Days[d]) && rules[d].Schedule([i + 1]) is not null).ToArray();
            return new Node(v.Visit, v.Due, Allowed(v.Visit, v.Due, v.Day, fitsAlone, visits), fitsAlone);
        }).ToList();
        Instance = new PeriodicInstance
        {
            Days = days,
            Combinations = Nodes.Select(n => n.Days).Prepend(DayCombinations.None).ToList(),
            DropPenalty = Nodes.Select(n => n.Visit.Appointment is null ? n.Due * VisitPenalty : AppointmentPenalty).Prepend(0).ToArray(),
        };
    }

    public IReadOnlyList<Node> Nodes { get; }

    public PeriodicInstance Instance { get; }

    /// <summary>Visits listed before any search: appointments off the working days, visits no workday can hold even alone.</summary>
    public List<UnplannedVisit> Unplanned { get; } = [];

    public int Visits => Nodes.Sum(n => n.Due);

    /// <summary>
    /// The days the node may take: an appointment its own day (when it fits there at all); regular visits spaced evenly
    /// on the days they fit alone, keeping the gap from the account's appointments.
    /// </summary>
    private VisitDays Allowed(Visit visit, int due, int? appointmentDay, bool[] fitsAlone, List<(Visit Visit, int Due, int? Day)> visits)
    {
        if (appointmentDay is { } day) return fitsAlone[day] ? new DayCombinations([[day]]) : DayCombinations.None;
        var gap = _context.Demand.MinGap(_context.Demand.VisitsDue(visit.Account));
        var appointmentDays = visits.Where(v => v.Day is not null && v.Visit.Account.Id == visit.Account.Id).Select(v => v.Day!.Value).ToList();
        var allowed = fitsAlone.Select((fits, d) => fits && appointmentDays.All(a => Math.Abs(a - d) >= Math.Max(gap, 1))).ToArray();
        return new SpacedVisitDays(due, gap, allowed, VisitPenalty);
    }

    /// <summary>The rep's working day: home (node 0) and every node with its start spans that day, the break, the workday, the day's duration in the cost.</summary>
    private RoutingInstance Day(DateOnly date, IReadOnlyList<Visit> visits, long[][] travel, long[] service)
    {
        var workday = _context.Policy.Workday;
        return new RoutingInstance
        {
            Travel = travel,
            Service = service,
            Windows = visits.Select(v => (IReadOnlyList<Span>)_context.StartSpans(v, date).Select(s => new Span(s.From, s.To)).ToList()).Prepend([]).ToArray(),
            HorizonStart = workday.StartMinute,
            HorizonEnd = workday.EndMinute,
            Break = workday.BreakMinutes > 0 ? BreakWindow(workday) : null,
            MinimiseDuration = true,
        };
    }

    /// <summary>A lunch break: it starts within an hour and a half of the middle of the workday (or anywhere, on a short day).</summary>
    private static BreakRule BreakWindow(Workday workday)
    {
        var middle = (workday.StartMinute + workday.EndMinute - workday.BreakMinutes) / 2;
        var earliest = Math.Max(workday.StartMinute, middle - 90);
        var latest = Math.Min(workday.EndMinute - workday.BreakMinutes, middle + 90);
        return new BreakRule(earliest, Math.Max(earliest, latest), workday.BreakMinutes);
    }

    /// <summary>Why the visit cannot fit any workday even alone (travel there and back plus the visit), or null when it can.</summary>
    private string? TooFar(Visit visit)
    {
        var roundTrip = 2 * _context.Travel(_context.Home, visit.Account.Location!.Value);
        var workday = _context.Policy.Workday;
        return roundTrip + visit.Minutes > workday.WorkMinutes
            ? $"{roundTrip} minutes of travel there and back and a {visit.Minutes}-minute visit exceed the {workday.WorkMinutes}-minute workday"
            : null;
    }

    public UnplannedVisit Missed(Visit visit, DateOnly date, string code, string message) => new(visit.Account.Id, _context.Rep.Id, date, code, message);
}
