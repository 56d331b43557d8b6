using Territories.Domain.Model;

namespace Territories.Planning.Visits;

/// <summary>
/// The periodic assignment of one rep's visits to working days, before any route is built: appointments on their day;
/// each account's other visits on evenly spaced days (a step of floor(days / visits)), the pattern chosen where it adds
/// the least estimated travel to days that still have room; accounts with the most visits and longest visits first.
/// </summary>
internal sealed class DayAssignment
{
    private const double OverloadPenalty = 100_000;

    private readonly RepVisitContext _context;
    private readonly List<Visit>[] _days;
    private readonly double[] _load;

    public DayAssignment(RepVisitContext context)
    {
        _context = context;
        _days = context.Days.Select(_ => new List<Visit>()).ToArray();
        _load = new double[context.Days.Count];
    }

    public IReadOnlyList<Visit> VisitsOn(int day) => _days[day];

    public int DayCount => _days.Length;

    /// <summary>Days (indices) on which the account already has a visit.</summary>
    public IEnumerable<int> DaysOf(Account account) => Enumerable.Range(0, _days.Length).Where(d => _days[d].Any(v => v.Account.Id == account.Id));

    public void Add(int day, Visit visit)
    {
        _load[day] += visit.Minutes + Detour(day, visit.Account.Location!.Value);
        _days[day].Add(visit);
    }

    public void Remove(int day, Visit visit) => _days[day].Remove(visit);

    /// <summary>
    /// Places the account's visits; answers the visits it could not place on any day (the account is closed on every
    /// day the spacing allows).
    /// </summary>
    public IReadOnlyList<Visit> Place(Account account, int due, IReadOnlyList<(int Day, Visit Visit)> appointments, Visit regular)
    {
        foreach (var (day, visit) in appointments) Add(day, visit);
        var remaining = due - appointments.Count;
        if (remaining <= 0) return [];
        var gap = _context.Demand.MinGap(due);
        var fixedDays = appointments.Select(a => a.Day).ToList();
        var step = Math.Max(1, _days.Length / due);
        var best = Patterns(remaining, step)
            .Where(p => p.All(d => Allowed(d, regular, fixedDays, gap)))
            .Select(p => (Pattern: p, Cost: p.Sum(d => Cost(d, regular))))
            .OrderBy(x => x.Cost).ThenBy(x => x.Pattern[0]).Select(x => x.Pattern).FirstOrDefault();
        best ??= Greedy(remaining, regular, fixedDays, gap);
        foreach (var day in best) Add(day, regular);
        return Enumerable.Repeat(regular, remaining - best.Count).ToList();
    }

    /// <summary>Evenly spaced day patterns: offset o, then o + step, o + 2 step, …</summary>
    private IEnumerable<List<int>> Patterns(int visits, int step)
    {
        var last = _days.Length - 1 - (visits - 1) * step;
        for (var offset = 0; offset <= last; offset++)
            yield return Enumerable.Range(0, visits).Select(k => offset + k * step).ToList();
    }

    /// <summary>When no even pattern fits (closed days), days one at a time, each the cheapest that keeps the spacing.</summary>
    private List<int> Greedy(int visits, Visit visit, List<int> taken, int gap)
    {
        var chosen = new List<int>();
        for (var k = 0; k < visits; k++)
        {
            var all = taken.Concat(chosen).ToList();
            var day = Enumerable.Range(0, _days.Length).Where(d => Allowed(d, visit, all, gap)).OrderBy(d => Cost(d, visit)).Cast<int?>().FirstOrDefault();
            if (day is not { } d) break;
            chosen.Add(d);
        }
        return chosen;
    }

    public bool Allowed(int day, Visit visit, IEnumerable<int> otherDays, int gap) =>
        _context.IsOpen(visit, _context.Days[day]) && otherDays.All(o => Math.Abs(o - day) >= Math.Max(gap, 1));

    /// <summary>Estimated added travel, plus a heavy penalty for the minutes beyond the workday.</summary>
    public double Cost(int day, Visit visit)
    {
        var detour = Detour(day, visit.Account.Location!.Value);
        var over = _load[day] + visit.Minutes + detour - _context.Policy.Workday.WorkMinutes;
        return detour + (over > 0 ? OverloadPenalty + over * 100 : 0);
    }

    /// <summary>Twice the travel from the nearest point already on the day's tour (home included): a cheap insertion estimate.</summary>
    private double Detour(int day, GeoPoint location)
    {
        var nearest = _context.Policy.TravelMinutes(_context.Home, location);
        foreach (var visit in _days[day]) nearest = Math.Min(nearest, _context.Policy.TravelMinutes(visit.Account.Location!.Value, location));
        return 2 * nearest;
    }
}
