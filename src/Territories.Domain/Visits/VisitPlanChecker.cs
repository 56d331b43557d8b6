using Territories.Domain.Model;

namespace Territories.Domain.Visits;

/// <summary>
/// Checks a visit plan against the problem and policy without trusting the planner: each day within the workday with its
/// break, every stop reachable in time from the one before, inside the account's opening hours, appointments kept, every
/// required visit either planned (spaced as required) or listed as unplanned, and only the rep's own accounts.
/// </summary>
public static class VisitPlanChecker
{
    public static IReadOnlyList<string> Check(TerritoryProblem problem, IReadOnlyDictionary<AccountId, RepId> repOf, VisitDemand demand, VisitPlan plan)
    {
        var errors = new List<string>();
        var policy = demand.Policy;
        var dayIndex = demand.Days.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        var visitDays = new Dictionary<AccountId, List<(int Day, VisitStop Stop, DateOnly Date)>>();
        foreach (var rep in plan.Reps)
        {
            var home = problem.Reps[problem.RepIndexOf(rep.RepId)].Home!.Value;
            foreach (var day in rep.Days)
            {
                var where = $"{rep.RepId} {day.Date:yyyy-MM-dd}";
                if (!dayIndex.TryGetValue(day.Date, out var index)) errors.Add($"{where}: not a working day of the period");
                CheckDay(problem, policy, home, day, where, errors);
                foreach (var stop in day.Stops)
                {
                    if (repOf.GetValueOrDefault(stop.AccountId) != rep.RepId) errors.Add($"{where}: {stop.AccountId} is not this rep's account");
                    if (!visitDays.TryGetValue(stop.AccountId, out var list)) visitDays[stop.AccountId] = list = [];
                    list.Add((index, stop, day.Date));
                }
            }
        }
        CheckDemand(problem, repOf, demand, plan, visitDays, errors);
        return errors;
    }

    private static void CheckDay(TerritoryProblem problem, VisitPolicy policy, GeoPoint home, VisitDay day, string where, List<string> errors)
    {
        var workday = policy.Workday;
        int leave = Clock.Parse(day.Leave), back = Clock.Parse(day.Return);
        if (leave < workday.StartMinute || back > workday.EndMinute) errors.Add($"{where}: the day {day.Leave}-{day.Return} is outside the workday");
        var breakSpan = day.Break is { } b ? (Start: Clock.Parse(b.Start), End: Clock.Parse(b.End)) : ((int Start, int End)?)null;
        if (day.Stops.Count > 0 && workday.BreakMinutes > 0 && breakSpan is not { } taken) errors.Add($"{where}: no break");
        if (breakSpan is { } br && br.End - br.Start != workday.BreakMinutes) errors.Add($"{where}: the break lasts {br.End - br.Start} minutes, not {workday.BreakMinutes}");
        if (breakSpan is { } inDay && (inDay.Start < workday.StartMinute || inDay.End > workday.EndMinute)) errors.Add($"{where}: the break is outside the workday");
        var position = home;
        var previousEnd = leave;
        foreach (var stop in day.Stops)
        {
            var account = problem.Accounts[problem.AccountIndexOf(stop.AccountId)];
            var location = account.Location!.Value;
            int arrival = Clock.Parse(stop.Arrival), start = Clock.Parse(stop.Start), end = Clock.Parse(stop.End);
            var travel = policy.ScheduledTravelMinutes(position, location);
            var breakHere = breakSpan is { } g && g.Start >= previousEnd && g.End <= start ? g.End - g.Start : 0;
            if (start - previousEnd < travel + breakHere) errors.Add($"{where}: {stop.AccountId} starts {stop.Start}, too soon after {Clock.Format(previousEnd)} for {travel} minutes of travel{(breakHere > 0 ? " and the break" : "")}");
            if (arrival > start || arrival < previousEnd + travel) errors.Add($"{where}: {stop.AccountId} arrival {stop.Arrival} is inconsistent");
            if (breakSpan is { } o && o.Start < end && start < o.End) errors.Add($"{where}: the break overlaps the visit to {stop.AccountId}");
            if (end <= start) errors.Add($"{where}: {stop.AccountId} ends before it starts");
            if (!stop.Appointment && account.OpeningHours is { } hours && !hours.On(day.Date.DayOfWeek).Any(w => w.FromMinute <= start && end <= w.ToMinute))
                errors.Add($"{where}: {stop.AccountId} {stop.Start}-{stop.End} is outside its opening hours");
            position = location;
            previousEnd = end;
        }
        var home2 = policy.ScheduledTravelMinutes(position, home);
        var lastBreak = breakSpan is { } l && l.Start >= previousEnd && l.End <= back ? l.End - l.Start : 0;
        if (day.Stops.Count > 0 && back - previousEnd < home2 + lastBreak) errors.Add($"{where}: back home at {day.Return}, too soon after the last visit for {home2} minutes of travel");
        if (day.WorkMinutes > workday.WorkMinutes) errors.Add($"{where}: {day.WorkMinutes} minutes of work exceed the workday's {workday.WorkMinutes}");
    }

    private static void CheckDemand(TerritoryProblem problem, IReadOnlyDictionary<AccountId, RepId> repOf, VisitDemand demand, VisitPlan plan,
        Dictionary<AccountId, List<(int Day, VisitStop Stop, DateOnly Date)>> visitDays, List<string> errors)
    {
        var unplanned = plan.Unplanned.GroupBy(u => u.AccountId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var account in problem.Accounts.Where(a => repOf.ContainsKey(a.Id)))
        {
            var due = demand.VisitsDue(account);
            var visits = visitDays.GetValueOrDefault(account.Id) ?? [];
            var missing = unplanned.GetValueOrDefault(account.Id) ?? [];
            if (visits.Count + missing.Count != due)
                errors.Add($"{account.Id}: {due} visits due, {visits.Count} planned and {missing.Count} listed as unplanned");
            foreach (var appointment in demand.AppointmentsOf(account))
            {
                var kept = visits.Any(v => v.Date == appointment.Date && v.Stop.Appointment && Clock.Parse(v.Stop.Start) == appointment.Start.Hour * 60 + appointment.Start.Minute);
                if (!kept && !missing.Any(m => m.Date == appointment.Date)) errors.Add($"{account.Id}: the appointment of {appointment.Date:yyyy-MM-dd} is neither kept nor listed");
            }
            var gap = demand.MinGap(due);
            var days = visits.Where(v => !v.Stop.Appointment).Select(v => v.Day).Order().ToList();
            for (var i = 1; i < days.Count; i++)
                if (days[i] - days[i - 1] < gap) errors.Add($"{account.Id}: visits {days[i] - days[i - 1]} working days apart, fewer than {gap}");
        }
    }
}
