using System.Globalization;
using Territories.Domain.Model;
using Territories.Domain.Quotas;
using Territories.Domain.Visits;

namespace Territories.Domain.Actuals;

/// <summary>What a weekly report is made from: the dataset's book and organisation, the plan in force, the log, and what is in force.</summary>
/// <param name="Log">Every logged entry of the dataset up to the week's end (earlier ones decide last visits and first prospect visits).</param>
/// <param name="Policy">The dataset's visit policy in force; null when none is.</param>
/// <param name="Quotas">The dataset's quota plan in force, relieved; null when none is.</param>
public sealed record WeeklyReportInputs(TerritoryProblem Problem, OwnerTimeline Owners, IReadOnlyList<StoredVisit> Log, VisitPolicy? Policy, QuotaPlan? Quotas);

/// <summary>
/// Builds the weekly plan-against-actual report: planned visits from the visit policy (the same demand the visit planner
/// plans: the tier's visits a year over one week, a fraction due in the share of weeks it gives, plus appointments), of the
/// accounts each rep owns on the week's Monday; completed visits per tier for the rep who made them; new prospects visited;
/// sales credited to the owner on the day of the sale against the week's quota; accounts overdue at the week's end.
/// </summary>
public static class WeeklyReportBuilder
{
    public const string NoTier = "none";

    /// <summary>The Monday of an ISO week written <c>2027-W03</c>; null when the text is not one.</summary>
    public static DateOnly? MondayOf(string week)
    {
        var parts = week.Split("-W");
        if (parts.Length != 2 || parts[0].Length != 4 || parts[1].Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year < 1 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return null;
        return DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday));
    }

    public static WeeklyReport Build(string week, DateOnly monday, WeeklyReportInputs inputs)
    {
        var sunday = monday.AddDays(6);
        var problem = inputs.Problem;
        var accounts = problem.Accounts.ToDictionary(a => a.Id.Value);
        string TierOf(string account) => accounts.TryGetValue(account, out var a) ? a.Tier ?? NoTier : NoTier;
        var tally = problem.Reps.ToDictionary(r => r.Id.Value, _ => new Tally());

        if (inputs.Policy is { } policy)
        {
            var demand = new VisitDemand(policy, monday, 1);
            foreach (var account in problem.Accounts)
                if (inputs.Owners.OwnerOn(account.Id.Value, monday) is { } owner && tally.TryGetValue(owner, out var t))
                    t.Plan(account.Tier ?? NoTier, demand.VisitsDue(account));
        }
        var completed = inputs.Log.Where(v => VisitOutcomes.IsVisitDone(v.Visit.Outcome)).Select(v => v.Visit).ToList();
        var firstVisit = completed.GroupBy(v => v.AccountId).ToDictionary(g => g.Key, g => g.Min(v => v.Date));
        foreach (var visit in completed.Where(v => v.Date >= monday && v.Date <= sunday))
        {
            if (!tally.TryGetValue(visit.RepId, out var t)) continue;
            t.Visit(TierOf(visit.AccountId));
            if (TierOf(visit.AccountId) == Classifier.Prospect && firstVisit[visit.AccountId] == visit.Date) t.NewProspects++;
        }
        foreach (var sale in SalesCrediting.Credit(inputs.Log.Where(v => v.Visit.Date >= monday && v.Visit.Date <= sunday), inputs.Owners))
            if (sale.CreditedTo is { } rep && tally.TryGetValue(rep, out var t)) t.Sales += sale.Amount;
        if (inputs.Quotas is { } quotas)
            foreach (var rep in quotas.Reps)
                if (tally.TryGetValue(rep.RepId.Value, out var t)) t.Quota = QuotaBetween(quotas, rep, monday, sunday);

        var overdue = Overdue(inputs, sunday, completed);
        var tiers = (inputs.Policy?.Tiers.Keys ?? []).Concat(tally.Values.SelectMany(t => t.Tiers)).Distinct().ToList();
        var quotaKnown = inputs.Quotas is not null;
        var reps = problem.Reps.Select(r =>
        {
            var mine = overdue.GetValueOrDefault(r.Id.Value) ?? [];
            tally[r.Id.Value].Overdue = mine.Count;
            return new RepWeek(r.Id.Value, r.Name, r.OrgUnitId, tally[r.Id.Value].Totals(tiers, quotaKnown), mine);
        }).ToList();
        var tree = problem.Org;
        var rolled = tree.RollUp(problem.Reps.Select(r => r.OrgUnitId is { } u && tree.Contains(u) ? tree.IndexOf(u) : -1).ToList(),
            i => tally[problem.Reps[i].Id.Value], Tally.Sum, new Tally());
        var units = tree.TopDown().Select(u => new UnitWeek(tree.Units[u].Id, tree.Units[u].Name, tree.Units[u].ParentId, tree.DepthOf(u), rolled[u].Totals(tiers, quotaKnown))).ToList();
        var team = tally.Values.Aggregate(new Tally(), Tally.Sum).Totals(tiers, quotaKnown);
        return new WeeklyReport(week, monday, sunday, inputs.Policy is not null, quotaKnown, team, reps, units);
    }

    /// <summary>
    /// The quota of the days from <paramref name="from"/> to <paramref name="to"/>: each week period of the plan that
    /// overlaps them, in the share of its days that do (a fiscal week that is the ISO week counts whole), to the cent.
    /// </summary>
    public static decimal QuotaBetween(QuotaPlan plan, RepQuota rep, DateOnly from, DateOnly to)
    {
        var amount = 0m;
        foreach (var week in plan.Periods.Where(p => p.Kind == "week" && p.Start <= to && p.End >= from))
        {
            var overlap = Math.Min(to.DayNumber, week.End.DayNumber) - Math.Max(from.DayNumber, week.Start.DayNumber) + 1;
            var days = week.End.DayNumber - week.Start.DayNumber + 1;
            amount += (rep.Weeks.FirstOrDefault(w => w.Period == week.Id)?.Amount ?? 0) * overlap / days;
        }
        return Math.Round(amount, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Per owner at <paramref name="end"/>, the accounts of a tier the policy visits whose last completed visit on or before
    /// <paramref name="end"/> (never visited: the log's first day) is more than the tier's interval before it. Without a
    /// policy or a log nothing is overdue: there is no interval, or no day the tracking started.
    /// </summary>
    private static Dictionary<string, List<OverdueAccount>> Overdue(WeeklyReportInputs inputs, DateOnly end, List<LoggedVisit> completed)
    {
        var result = new Dictionary<string, List<OverdueAccount>>();
        if (inputs.Policy is not { } policy || inputs.Log.Count == 0) return result;
        var logStart = inputs.Log.Min(v => v.Visit.Date);
        if (logStart > end) return result;
        var last = completed.Where(v => v.Date <= end).GroupBy(v => v.AccountId).ToDictionary(g => g.Key, g => g.Max(v => v.Date));
        foreach (var account in inputs.Problem.Accounts)
        {
            if (account.Tier is not { } tier || !policy.Tiers.TryGetValue(tier, out var visits) || visits.VisitsPerYear <= 0) continue;
            if (inputs.Owners.OwnerOn(account.Id.Value, end) is not { } owner) continue;
            var interval = (int)Math.Ceiling(365 / visits.VisitsPerYear - 1e-9);
            var lastVisit = last.TryGetValue(account.Id.Value, out var day) ? day : (DateOnly?)null;
            var since = end.DayNumber - (lastVisit ?? logStart).DayNumber;
            if (since <= interval) continue;
            if (!result.TryGetValue(owner, out var list)) result[owner] = list = [];
            list.Add(new OverdueAccount(account.Id.Value, tier, lastVisit, since, interval));
        }
        foreach (var list in result.Values) list.Sort((a, b) => (b.DaysSince - b.IntervalDays).CompareTo(a.DaysSince - a.IntervalDays) is var c && c != 0 ? c : string.CompareOrdinal(a.AccountId, b.AccountId));
        return result;
    }

    /// <summary>A rep's (or a unit's) counts while the report is built.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, (int Planned, int Done)> _tiers = [];

        public int NewProspects { get; set; }
        public decimal Sales { get; set; }
        public decimal? Quota { get; set; }
        public int Overdue { get; set; }

        public IEnumerable<string> Tiers => _tiers.Keys;

        public void Plan(string tier, int visits) => _tiers[tier] = (_tiers.GetValueOrDefault(tier).Planned + visits, _tiers.GetValueOrDefault(tier).Done);

        public void Visit(string tier) => _tiers[tier] = (_tiers.GetValueOrDefault(tier).Planned, _tiers.GetValueOrDefault(tier).Done + 1);

        public static Tally Sum(Tally a, Tally b)
        {
            var sum = new Tally
            {
                NewProspects = a.NewProspects + b.NewProspects, Sales = a.Sales + b.Sales, Overdue = a.Overdue + b.Overdue,
                Quota = a.Quota is null && b.Quota is null ? null : (a.Quota ?? 0) + (b.Quota ?? 0),
            };
            foreach (var (tier, count) in a._tiers.Concat(b._tiers))
                sum._tiers[tier] = (sum._tiers.GetValueOrDefault(tier).Planned + count.Planned, sum._tiers.GetValueOrDefault(tier).Done + count.Done);
            return sum;
        }

        public WeekTotals Totals(IReadOnlyList<string> tiers, bool quotaKnown)
        {
            var quota = quotaKnown ? Quota ?? 0 : (decimal?)null;
            return new WeekTotals(_tiers.Values.Sum(t => t.Planned), _tiers.Values.Sum(t => t.Done),
                tiers.Select(t => new TierCount(t, _tiers.GetValueOrDefault(t).Planned, _tiers.GetValueOrDefault(t).Done)).ToList(),
                NewProspects, Sales, quota, quota is > 0 ? Math.Round((double)(Sales / quota.Value), 4) : null, Overdue);
        }
    }
}
