using System.Diagnostics;
using Territories.Domain.Model;
using Territories.Domain.Visits;

namespace Territories.Planning.Visits;

/// <summary>
/// Turns a territory plan into weekly routes (contract section 9): for each rep, visits are first assigned to working
/// days (periodic assignment, evenly spaced), then each day is routed with OR-Tools; a visit a day cannot fit moves to
/// the nearest other day the spacing allows; what still does not fit is listed with its reason. The plan is re-checked
/// by <see cref="VisitPlanChecker"/> before it is returned.
/// </summary>
public static class VisitPlanner
{
    /// <summary>Days tried, nearest first, for a visit its own day could not fit.</summary>
    private const int RetryDays = 6;

    /// <param name="repOf">Each account's rep, as <see cref="VisitInputs.Check"/> returns it.</param>
    public static VisitPlan Plan(TerritoryProblem problem, IReadOnlyDictionary<AccountId, RepId> repOf, VisitPolicy policy, DateOnly from, int weeks)
    {
        var clock = Stopwatch.StartNew();
        var demand = new VisitDemand(policy, from, weeks);
        var reps = new List<RepVisits>();
        var unplanned = new List<UnplannedVisit>();
        var required = 0;
        foreach (var rep in problem.Reps)
        {
            var accounts = problem.Accounts.Where(a => repOf.GetValueOrDefault(a.Id) == rep.Id).ToList();
            required += accounts.Sum(demand.VisitsDue);
            if (accounts.Count == 0) continue;
            var (days, missed) = PlanRep(new RepVisitContext(rep, demand), accounts);
            reps.Add(new RepVisits(rep.Id, days));
            unplanned.AddRange(missed);
        }
        var plan = new VisitPlan(from, weeks, required, reps.Sum(r => r.Days.Sum(d => d.Stops.Count)), reps, unplanned, Math.Round(clock.Elapsed.TotalSeconds, 3));
        var errors = VisitPlanChecker.Check(problem, repOf, demand, plan);
        if (errors.Count > 0) throw new InvalidOperationException($"the visit plan failed its check: {string.Join("; ", errors.Take(5))}");
        return plan;
    }

    private static (List<VisitDay> Days, List<UnplannedVisit> Unplanned) PlanRep(RepVisitContext context, List<Account> accounts)
    {
        var demand = context.Demand;
        var assignment = new DayAssignment(context);
        var unplanned = new List<UnplannedVisit>();
        var dayIndex = context.Days.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        var order = accounts.OrderByDescending(demand.VisitsDue).ThenByDescending(demand.MinutesOf).ThenBy(a => a.Id.Value, StringComparer.Ordinal);
        foreach (var account in order)
        {
            var due = demand.VisitsDue(account);
            if (due == 0) continue;
            var appointments = demand.AppointmentsOf(account)
                .Select(a => (Day: dayIndex.GetValueOrDefault(a.Date, -1), Visit: new Visit(account, a.Minutes ?? demand.MinutesOf(account), a))).ToList();
            foreach (var off in appointments.Where(a => a.Day < 0))
                unplanned.Add(Unplanned(account, context, off.Visit.Appointment!.Date, UnplannedReasons.AppointmentConflict, "the appointment is not on a working day"));
            var onDays = appointments.Where(a => a.Day >= 0).ToList();
            var regular = new Visit(account, demand.MinutesOf(account), null);
            if (TooFar(context, regular) is { } tooFar)
            {
                var withoutAppointments = due - appointments.Count;
                unplanned.AddRange(Enumerable.Repeat(Unplanned(account, context, demand.Days[0], UnplannedReasons.WorkdayTooShort, tooFar), withoutAppointments));
                due -= withoutAppointments;
            }
            foreach (var missed in assignment.Place(account, due - (appointments.Count - onDays.Count), onDays, regular))
            {
                var (code, message) = Reason(context, missed, demand.Days);
                unplanned.Add(Unplanned(account, context, demand.Days[0], code, message));
            }
        }
        var days = Route(context, assignment, unplanned);
        return (days, unplanned);
    }

    private static List<VisitDay> Route(RepVisitContext context, DayAssignment assignment, List<UnplannedVisit> unplanned)
    {
        var routed = new VisitDay?[assignment.DayCount];
        var retry = new List<(int Day, Visit Visit)>();
        for (var d = 0; d < assignment.DayCount; d++)
        {
            var (day, dropped) = DayRouting.Route(context, context.Days[d], assignment.VisitsOn(d));
            routed[d] = day;
            foreach (var visit in dropped)
            {
                assignment.Remove(d, visit);
                retry.Add((d, visit));
            }
        }
        foreach (var (d, visit) in retry)
        {
            if (visit.Appointment is null && Replace(context, assignment, routed, d, visit)) continue;
            var (code, message) = Reason(context, visit, [context.Days[d]]);
            unplanned.Add(Unplanned(visit.Account, context, context.Days[d], code, message));
        }
        return routed.OfType<VisitDay>().ToList();
    }

    /// <summary>Tries the nearest other days the account's spacing allows; keeps the first whose route fits everything.</summary>
    private static bool Replace(RepVisitContext context, DayAssignment assignment, VisitDay?[] routed, int from, Visit visit)
    {
        var gap = context.Demand.MinGap(context.Demand.VisitsDue(visit.Account));
        var others = assignment.DaysOf(visit.Account).ToList();
        var candidates = Enumerable.Range(0, assignment.DayCount).Where(d => d != from && assignment.Allowed(d, visit, others, gap))
            .OrderBy(d => Math.Abs(d - from)).ThenBy(d => assignment.Cost(d, visit)).Take(RetryDays);
        foreach (var d in candidates)
        {
            var visits = assignment.VisitsOn(d).Append(visit).ToList();
            var (day, dropped) = DayRouting.Route(context, context.Days[d], visits);
            if (dropped.Count > 0) continue;
            assignment.Add(d, visit);
            routed[d] = day;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Why a visit cannot be planned: alone on a day (home, the visit, home) it does not fit the workday, or not within its
    /// opening hours, or it fits alone and the rep's days that the spacing allows are full.
    /// </summary>
    private static (string Code, string Message) Reason(RepVisitContext context, Visit visit, IReadOnlyList<DateOnly> days)
    {
        var open = days.Where(d => context.IsOpen(visit, d)).ToList();
        if (visit.Appointment is { } appointment)
            return (UnplannedReasons.AppointmentConflict, open.Count == 0
                ? $"the appointment at {appointment.Start:HH\\:mm} is outside the workday"
                : $"the appointment at {appointment.Start:HH\\:mm} cannot be kept: it cannot be reached in time or overlaps another visit");
        if (open.Count == 0) return (UnplannedReasons.Closed, "the account is closed on every working day the spacing allows");
        if (TooFar(context, visit) is { } tooFar) return (UnplannedReasons.WorkdayTooShort, tooFar);
        var roundTrip = 2 * context.Travel(context.Home, visit.Account.Location!.Value);
        if (open.All(d => DayRouting.Route(context, d, [visit]).Dropped.Count > 0))
            return (UnplannedReasons.WindowUnreachable, $"its opening hours cannot be reached from home ({roundTrip / 2} minutes away) and back within the workday");
        return (UnplannedReasons.NoRoom, "every day the spacing allows is already full with the rep's other visits");
    }

    /// <summary>Why the visit cannot fit any workday even alone (travel there and back plus the visit), or null when it can.</summary>
    private static string? TooFar(RepVisitContext context, Visit visit)
    {
        var roundTrip = 2 * context.Travel(context.Home, visit.Account.Location!.Value);
        var workday = context.Policy.Workday;
        return roundTrip + visit.Minutes > workday.WorkMinutes
            ? $"{roundTrip} minutes of travel there and back and a {visit.Minutes}-minute visit exceed the {workday.WorkMinutes}-minute workday"
            : null;
    }

    private static UnplannedVisit Unplanned(Account account, RepVisitContext context, DateOnly date, string code, string message) =>
        new(account.Id, context.Rep.Id, date, code, message);
}
