using System.Diagnostics;
using Territories.Domain.Model;
using Territories.Domain.Visits;
using Territories.Planning.Routing;

namespace Territories.Planning.Visits;

/// <summary>
/// Turns a territory plan into weekly routes (contract section 9): for each rep, all the period's visits and days in one
/// model (<see cref="RepPeriodModel"/>), searched by ruin and recreate with a fixed iteration budget, so which days an
/// account's visits take and the order of each day are decided together; what cannot be planned is listed, visit by
/// visit, with its reason. The plan is re-checked by <see cref="VisitPlanChecker"/> before it is returned.
/// </summary>
public static class VisitPlanner
{
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
        var order = accounts.OrderBy(a => a.Id.Value, StringComparer.Ordinal);
        var model = new RepPeriodModel(context, order);
        var unplanned = model.Unplanned;
        if (model.Nodes.Count == 0) return ([], unplanned);
        var result = RuinAndRecreate.Solve(model.Instance, RoutingSearch.Deterministic(model.Visits));
        var planned = new int[model.Nodes.Count + 1];
        var days = new List<VisitDay>();
        for (var d = 0; d < result.Days.Count; d++)
            foreach (var route in result.Days[d])
            {
                days.Add(VisitDayReader.Read(context, context.Days[d], node => model.Nodes[node - 1].Visit, route));
                foreach (var stop in route.Stops) planned[stop.Node]++;
            }
        for (var n = 1; n <= model.Nodes.Count; n++)
            unplanned.AddRange(Missed(context, model, model.Nodes[n - 1], planned[n]));
        return (days, unplanned);
    }

    /// <summary>
    /// The node's visits the plan leaves out, each with its reason: an appointment that cannot be kept; regular visits
    /// the account's days cannot hold even with the rep's days empty (closed, windows out of reach, or too few such
    /// days for the visits due at their spacing); the rest, which would fit alone, left out because the days are full.
    /// </summary>
    private static IEnumerable<UnplannedVisit> Missed(RepVisitContext context, RepPeriodModel model, RepPeriodModel.Node node, int planned)
    {
        var visit = node.Visit;
        if (visit.Appointment is { } appointment)
        {
            if (planned > 0) yield break;
            var message = context.IsOpen(visit, appointment.Date)
                ? $"the appointment at {appointment.Start:HH\\:mm} cannot be kept: it cannot be reached in time or overlaps another visit"
                : $"the appointment at {appointment.Start:HH\\:mm} is outside the workday";
            yield return model.Missed(visit, appointment.Date, UnplannedReasons.AppointmentConflict, message);
            yield break;
        }
        var spaced = (SpacedVisitDays)node.Days;
        var fit = spaced.MostThatFit();
        var first = context.Days[0];
        var (code, reason) = WhyDaysLack(context, node, spaced, fit);
        for (var k = fit; k < node.Due; k++) yield return model.Missed(visit, first, code, reason);
        for (var k = planned; k < fit; k++)
            yield return model.Missed(visit, first, UnplannedReasons.NoRoom, "every day the spacing allows is already full with the rep's other visits");
    }

    private static (string Code, string Message) WhyDaysLack(RepVisitContext context, RepPeriodModel.Node node, SpacedVisitDays spaced, int fit)
    {
        var open = context.Days.Count(d => context.IsOpen(node.Visit, d));
        if (open == 0) return (UnplannedReasons.Closed, "the account is closed on every working day of the period");
        var reachable = node.FitsAlone.Count(f => f);
        if (reachable == 0)
        {
            var away = context.Travel(context.Home, node.Visit.Account.Location!.Value);
            return (UnplannedReasons.WindowUnreachable, $"its opening hours cannot be reached from home ({away} minutes away) and back within the workday");
        }
        return (UnplannedReasons.TooFewDays,
            $"{node.Due} visits are due, at least {spaced.MinGap} working days apart and spread over the period; the account can be visited on {reachable} of the {context.Days.Count} working days, which hold {fit}");
    }
}
