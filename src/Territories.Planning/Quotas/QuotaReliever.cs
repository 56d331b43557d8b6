using Territories.Domain.Model;
using Territories.Domain.Quotas;

namespace Territories.Planning.Quotas;

/// <summary>
/// Quota relief (contract section 8): applies published moves to a quota plan in force, in order of their effective day.
/// A move takes <c>share</c> of the old rep's amount of every week from its day on (of a week that straddles the day, the
/// part of its days from the day on) and gives it to the new rep, in cents; months, quarters and years are then the sums
/// of their weeks again. Weeks that end before the day, and the months and quarters made of them, never change; every
/// period's team total stays what it was; what one rep loses the other gains, period by period.
/// </summary>
public static class QuotaReliever
{
    public static (QuotaPlan Plan, IReadOnlyList<ReliefEntry> Relief) Apply(QuotaPlan plan, IReadOnlyList<QuotaMove> moves)
    {
        var weeks = plan.Periods.Where(p => p.Kind == "week").ToList();
        var amounts = plan.Reps.ToDictionary(r => r.RepId, r => weeks.Select(w => r.Weeks.Single(x => x.Period == w.Id).Amount).ToArray());
        var relief = new List<ReliefEntry>();
        foreach (var move in moves.OrderBy(m => m.Effective))
        {
            if (!amounts.TryGetValue(move.FromRepId, out var from))
                throw new ArgumentException($"account {move.AccountId} moves from rep {move.FromRepId}, who has no quota in the plan");
            var to = amounts.TryGetValue(move.ToRepId, out var existing) ? existing : amounts[move.ToRepId] = new decimal[weeks.Count];
            var total = 0m;
            for (var w = 0; w < weeks.Count; w++)
            {
                var part = PartFrom(weeks[w], move.Effective);
                if (part == 0) continue;
                var moved = Math.Round(from[w] * (decimal)move.Share * part, 2, MidpointRounding.AwayFromZero);
                from[w] -= moved;
                to[w] += moved;
                total += moved;
            }
            relief.Add(new ReliefEntry(move.AccountId, move.FromRepId, move.ToRepId, move.Effective, move.Share, total));
        }
        var reps = amounts.Select(pair => Rebuild(plan, weeks, pair.Key, pair.Value, plan.Reps.FirstOrDefault(r => r.RepId == pair.Key))).ToList();
        return (plan with { Reps = reps, OrgUnits = [] }, relief); // unit roll-ups of the old plan would no longer add up
    }

    /// <summary>The share of the week from <paramref name="day"/> on: 1 from its start, 0 when it ended before, its remaining days' share between.</summary>
    private static decimal PartFrom(PeriodView week, DateOnly day)
    {
        if (day <= week.Start) return 1;
        if (day > week.End) return 0;
        return (decimal)(week.End.DayNumber - day.DayNumber + 1) / (week.End.DayNumber - week.Start.DayNumber + 1);
    }

    private static RepQuota Rebuild(QuotaPlan plan, List<PeriodView> weeks, RepId rep, decimal[] weekAmounts, RepQuota? original)
    {
        PeriodAmount SumOf(PeriodView period, Func<PeriodView, string?> parent) =>
            new(period.Id, weeks.Select((w, i) => (w, i)).Where(x => parent(x.w) == period.Id).Sum(x => weekAmounts[x.i]));
        var months = plan.Periods.Where(p => p.Kind == "month").Select(m => SumOf(m, w => w.Month)).ToList();
        var quarters = plan.Periods.Where(p => p.Kind == "quarter").Select(q => SumOf(q, w => w.Quarter)).ToList();
        var annual = weekAmounts.Sum();
        return original is null
            ? new RepQuota(rep, annual, 0, 0, null, null, quarters, months, weeks.Select((w, i) => new PeriodAmount(w.Id, weekAmounts[i])).ToList())
            : original with { Annual = annual, Quarters = quarters, Months = months, Weeks = weeks.Select((w, i) => new PeriodAmount(w.Id, weekAmounts[i])).ToList() };
    }
}
