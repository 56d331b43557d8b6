using Territories.Domain.Model;
using Territories.Domain.Visits;
using Territories.Planning.Visits;

namespace Territories.Planning.Tests.Visits;

public sealed class VisitPlannerTests
{
    private static readonly DateOnly Monday = new(2027, 1, 4);
    private static readonly GeoPoint Home = new(40, -100);

    private static VisitPolicy Policy(int breakMinutes = 45) => new(
        new Dictionary<string, TierVisits>
        {
            ["A"] = new(104, 60), ["B"] = new(12, 45), ["C"] = new(4, 30), ["prospect"] = new(8, 45),
        },
        new Workday(new TimeOnly(8, 30), new TimeOnly(17, 30), breakMinutes), Domain.Quotas.WorkingTime.MondayToFridayDays, 60, 1.3);

    private static Rep Rep(string id, GeoPoint home) => new(new RepId(id), null, home, new HashSet<string>(), 2000, null, null);

    private static Account Account(string id, GeoPoint at, string tier, OpeningHours? hours = null, IReadOnlyList<Appointment>? appointments = null) =>
        new(new AccountId(id), null, at, null, tier, new HashSet<string>(), 10, 0, 0, null, null, null, hours, appointments);

    /// <summary>A point <paramref name="km"/> east of <paramref name="from"/>.</summary>
    private static GeoPoint East(GeoPoint from, double km) => new(from.Lat, from.Lon + km / (111.195 * Math.Cos(from.Lat * Math.PI / 180)));

    private static (VisitPlan Plan, VisitDemand Demand, Dictionary<AccountId, RepId> RepOf, TerritoryProblem Problem) PlanFor(
        IReadOnlyList<Rep> reps, IReadOnlyList<Account> accounts, VisitPolicy policy, int weeks = 4)
    {
        var problem = TerritoryProblem.Create(reps, accounts);
        var repOf = accounts.Select((a, i) => (Account: a.Id, Rep: reps[i % reps.Count].Id)).ToDictionary(x => x.Account, x => x.Rep);
        return (VisitPlanner.Plan(problem, repOf, policy, Monday, weeks), new VisitDemand(policy, Monday, weeks), repOf, problem);
    }

    [Fact]
    public void Plan_SpreadsRepeatedVisitsEvenly_KeepsAppointments_AndEveryDayFitsTheWorkday()
    {
        var appointment = new Appointment(new DateOnly(2027, 1, 13), new TimeOnly(14, 0), 90);
        var accounts = new[]
        {
            Account("a1", East(Home, 10), "A"), Account("a2", East(Home, 20), "A"), Account("b1", East(Home, 15), "B"),
            Account("b2", East(Home, 25), "B", appointments: [appointment]),
            Account("c1", East(Home, 30), "C", new OpeningHours(new Dictionary<DayOfWeek, IReadOnlyList<TimeWindow>> { [DayOfWeek.Tuesday] = [new TimeWindow(9 * 60, 11 * 60)] })),
        };

        var (plan, demand, repOf, problem) = PlanFor([Rep("r1", Home)], accounts, Policy());

        Assert.Empty(VisitPlanChecker.Check(problem, repOf, demand, plan));
        Assert.Empty(plan.Unplanned);
        var stops = plan.Reps.Single().Days.SelectMany(d => d.Stops.Select(s => (d.Date, Stop: s))).ToList();
        var a1Days = stops.Where(s => s.Stop.AccountId.Value == "a1").Select(s => demand.Days.ToList().IndexOf(s.Date)).Order().ToList();
        Assert.Equal(8, a1Days.Count);
        Assert.All(a1Days.Zip(a1Days.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 20 / 8 - 1));
        var kept = stops.Single(s => s.Stop.AccountId.Value == "b2" && s.Stop.Appointment);
        Assert.Equal((new DateOnly(2027, 1, 13), "14:00", "15:30"), (kept.Date, kept.Stop.Start, kept.Stop.End));
        Assert.All(stops.Where(s => s.Stop.AccountId.Value == "c1"), s => Assert.Equal(DayOfWeek.Tuesday, s.Date.DayOfWeek));
        Assert.All(plan.Reps.Single().Days, d => Assert.True(string.CompareOrdinal(d.Leave, "08:30") >= 0 && string.CompareOrdinal(d.Return, "17:30") <= 0));
    }

    [Fact]
    public void Plan_ListsWhatCannotFit_WithItsReason()
    {
        var accounts = new[]
        {
            Account("far", East(Home, 400), "C"),
            Account("early", East(Home, 100), "C", new OpeningHours(new Dictionary<DayOfWeek, IReadOnlyList<TimeWindow>> { [DayOfWeek.Monday] = [new TimeWindow(8 * 60 + 30, 9 * 60 + 30)] })),
            Account("weekend", East(Home, 5), "C", new OpeningHours(new Dictionary<DayOfWeek, IReadOnlyList<TimeWindow>> { [DayOfWeek.Saturday] = [new TimeWindow(9 * 60, 12 * 60)] })),
            Account("night", East(Home, 5), "B", appointments: [new Appointment(Monday, new TimeOnly(20, 0), null)]),
        };
        var policy = Policy() with { Tiers = new Dictionary<string, TierVisits> { ["C"] = new(13, 30), ["B"] = new(13, 45) } };

        var (plan, demand, repOf, problem) = PlanFor([Rep("r1", Home)], accounts, policy);

        Assert.Empty(VisitPlanChecker.Check(problem, repOf, demand, plan));
        var reasons = plan.Unplanned.ToDictionary(u => u.AccountId.Value, u => u.Reason);
        Assert.Equal(UnplannedReasons.WorkdayTooShort, reasons["far"]);
        Assert.Equal(UnplannedReasons.WindowUnreachable, reasons["early"]);
        Assert.Equal(UnplannedReasons.Closed, reasons["weekend"]);
        Assert.Equal(UnplannedReasons.AppointmentConflict, reasons["night"]);
        Assert.Equal(plan.Required, plan.Planned + plan.Unplanned.Count);
    }

    [Fact]
    public void Checker_CatchesARouteThatIsTooTightOrTooLong()
    {
        var accounts = new[] { Account("a1", East(Home, 30), "A"), Account("a2", East(Home, 60), "A") };
        var (plan, demand, repOf, problem) = PlanFor([Rep("r1", Home)], accounts, Policy());
        var rep = plan.Reps.Single();
        var day = rep.Days.First();
        var late = day with { Return = "18:30", WorkMinutes = 600 };
        var tooSoon = day with { Stops = [.. day.Stops.Select((s, i) => i == 0 ? s with { Arrival = day.Leave, Start = day.Leave } : s)] };

        VisitPlan With(VisitDay changed) => plan with { Reps = [rep with { Days = [changed, .. rep.Days.Skip(1)] }] };

        Assert.Contains(VisitPlanChecker.Check(problem, repOf, demand, With(late)), e => e.Contains("outside the workday"));
        Assert.Contains(VisitPlanChecker.Check(problem, repOf, demand, With(tooSoon)), e => e.Contains("too soon"));
        Assert.Contains(VisitPlanChecker.Check(problem, repOf, demand, plan with { Unplanned = [.. plan.Unplanned, new UnplannedVisit(new AccountId("a1"), new RepId("r1"), Monday, "x", "x")] }),
            e => e.Contains("visits due"));
    }

    /// <summary>
    /// Property: over generated books and policies (fixed seeds), every required visit is planned with the required
    /// spacing or listed with a reason, and an independent check finds no day beyond the workday and no visit outside
    /// its account's opening hours (an appointment keeps its agreed time).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Property_EveryRequiredVisitIsPlannedSpacedOrReported_AndNoDayBreaksTheWorkdayOrAWindow(int seed)
    {
        var random = new Random(seed);
        var reps = Enumerable.Range(0, 1 + random.Next(3)).Select(r => Rep($"r{r}", East(Home, random.Next(0, 80)))).ToList();
        var tiers = new[] { "A", "B", "C", "prospect" };
        var accounts = Enumerable.Range(0, 10 + random.Next(30)).Select(i =>
        {
            var at = new GeoPoint(Home.Lat + (random.NextDouble() - 0.5) * (seed % 2 == 0 ? 1.0 : 4.0), Home.Lon + (random.NextDouble() - 0.5) * 2);
            var hours = random.Next(4) == 0
                ? new OpeningHours(new[] { DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Thursday }.Where(_ => random.Next(2) == 0)
                    .ToDictionary(d => d, d => (IReadOnlyList<TimeWindow>)[new TimeWindow(8 * 60 + random.Next(0, 120), 12 * 60 + random.Next(0, 300))]))
                : null;
            var appointment = random.Next(6) == 0 ? new[] { new Appointment(Monday.AddDays(random.Next(0, 26)), new TimeOnly(8 + random.Next(0, 9), 15 * random.Next(0, 4)), null) } : null;
            return Account($"a{i}", at, tiers[random.Next(tiers.Length)], hours, appointment);
        }).ToList();
        var policy = Policy(random.Next(3) * 30) with
        {
            Tiers = tiers.ToDictionary(t => t, _ => new TierVisits(random.Next(1, 60), 15 * random.Next(1, 6))),
            SpeedKmh = 40 + random.Next(40),
        };

        var (plan, demand, repOf, problem) = PlanFor(reps, accounts, policy, weeks: 1 + random.Next(4));

        Assert.Empty(VisitPlanChecker.Check(problem, repOf, demand, plan));
        Assert.Equal(accounts.Sum(demand.VisitsDue), plan.Planned + plan.Unplanned.Count);
        Assert.All(plan.Unplanned, u => Assert.False(string.IsNullOrWhiteSpace(u.Message)));
        foreach (var day in plan.Reps.SelectMany(r => r.Days))
        {
            Assert.InRange(Clock.Parse(day.Leave), 8 * 60 + 30, 17 * 60 + 30);
            Assert.InRange(Clock.Parse(day.Return), Clock.Parse(day.Leave), 17 * 60 + 30);
            foreach (var stop in day.Stops)
            {
                var hours = accounts.Single(a => a.Id == stop.AccountId).OpeningHours;
                if (hours is not null && !stop.Appointment)
                    Assert.Contains(hours.On(day.Date.DayOfWeek), w => w.FromMinute <= Clock.Parse(stop.Start) && Clock.Parse(stop.End) <= w.ToMinute);
            }
        }
    }

    private static OpeningHours Open(DayOfWeek day, int from, int to) =>
        new(new Dictionary<DayOfWeek, IReadOnlyList<TimeWindow>> { [day] = [new TimeWindow(from, to)] });

    private static List<(DateOnly Date, VisitStop Stop)> Stops(VisitPlan plan) =>
        plan.Reps.SelectMany(r => r.Days.SelectMany(d => d.Stops.Select(s => (d.Date, Stop: s)))).ToList();

    /// <summary>
    /// Six visits that fill two days exactly (each day: 8 minutes of driving and 532 of visits, in one way only). Assigning
    /// days first, by estimated load, puts 250 + 200 + 92 on Monday, which does not fit once driven, and no other day has
    /// room: the old planner left a visit out here (measured with its CLI). Days and routes in one model pack the week.
    /// </summary>
    [Fact]
    public void Plan_PacksAWeekThatAssigningDaysFirstWouldLeaveAVisitOutOf()
    {
        int[] minutes = [250, 200, 190, 180, 152, 92];
        var policy = Policy(breakMinutes: 0) with
        {
            Tiers = minutes.ToDictionary(m => $"T{m}", m => new TierVisits(52, m)),
            WorkingDays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday },
        };
        var accounts = minutes.Select(m => Account($"m{m}", East(Home, 3), $"T{m}")).ToList();

        var (plan, demand, repOf, problem) = PlanFor([Rep("r1", Home)], accounts, policy, weeks: 1);

        Assert.Empty(VisitPlanChecker.Check(problem, repOf, demand, plan));
        Assert.Equal((6, 6), (plan.Required, plan.Planned));
        Assert.Empty(plan.Unplanned);
        Assert.All(plan.Reps.Single().Days, d => Assert.Equal(540, d.WorkMinutes));
    }

    /// <summary>
    /// Accounts that can only be partly planned: as many visits as fit are planned, spaced as required, and each missing
    /// visit is listed with its own reason (too few days the account can take at its spacing; days full).
    /// </summary>
    [Fact]
    public void Plan_AnAccountPartlyPlanned_GetsTheVisitsThatFit_AndEachMissingVisitItsReason()
    {
        var mondays = Open(DayOfWeek.Monday, 9 * 60, 12 * 60);
        var accounts = new[]
        {
            // twice a week (8 visits in 4 weeks) but open on Mondays only: 4 Mondays, 4 visits
            Account("twice-mondays", East(Home, 10), "A", mondays),
            // weekly, each a 2-hour visit inside the same Monday morning: only one of the two fits each Monday
            Account("weekly-1", East(Home, 12), "W", mondays),
            Account("weekly-2", East(Home, 14), "W", mondays),
        };
        var policy = Policy() with { Tiers = new Dictionary<string, TierVisits> { ["A"] = new(104, 30), ["W"] = new(52, 120) } };

        var (plan, demand, repOf, problem) = PlanFor([Rep("r1", Home)], accounts, policy);

        Assert.Empty(VisitPlanChecker.Check(problem, repOf, demand, plan));
        Assert.Equal(16, plan.Required);
        var stops = Stops(plan);
        var twice = stops.Where(s => s.Stop.AccountId.Value == "twice-mondays").Select(s => s.Date).Order().ToList();
        Assert.Equal([Monday, Monday.AddDays(7), Monday.AddDays(14), Monday.AddDays(21)], twice);
        var missingTwice = plan.Unplanned.Where(u => u.AccountId.Value == "twice-mondays").ToList();
        Assert.Equal(4, missingTwice.Count);
        Assert.All(missingTwice, u => Assert.Equal(UnplannedReasons.TooFewDays, u.Reason));
        Assert.Contains("8 visits are due", missingTwice[0].Message);
        // the two weekly accounts share the 4 Mondays' mornings with the twice-weekly one: what does not fit is "no room"
        var weekly = stops.Count(s => s.Stop.AccountId.Value.StartsWith("weekly", StringComparison.Ordinal));
        var missingWeekly = plan.Unplanned.Where(u => u.AccountId.Value.StartsWith("weekly", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, weekly);
        Assert.Equal(4, missingWeekly.Count);
        Assert.All(missingWeekly, u => Assert.Equal(UnplannedReasons.NoRoom, u.Reason));
        Assert.Equal(plan.Required, plan.Planned + plan.Unplanned.Count);
    }

    /// <summary>Appointments stay on their day at their agreed time; of two that overlap, one is kept and the other listed; the account's regular visits keep their distance from its appointment.</summary>
    [Fact]
    public void Plan_KeepsAppointmentsOnTheirDayAndTime_AndListsOneThatOverlapsAnother()
    {
        var wednesday = Monday.AddDays(9);
        var accounts = new[]
        {
            Account("kept", East(Home, 20), "A", appointments: [new Appointment(wednesday, new TimeOnly(10, 0), 90)]),
            Account("clash", East(Home, 25), "C", appointments: [new Appointment(wednesday, new TimeOnly(10, 30), 60)]),
            Account("other", East(Home, 15), "B"),
        };

        var (plan, demand, repOf, problem) = PlanFor([Rep("r1", Home)], accounts, Policy());

        Assert.Empty(VisitPlanChecker.Check(problem, repOf, demand, plan));
        var stops = Stops(plan);
        var appointments = stops.Where(s => s.Stop.Appointment).ToList();
        var kept = Assert.Single(appointments);
        Assert.Equal(wednesday, kept.Date);
        Assert.Equal(kept.Stop.AccountId.Value == "kept" ? ("10:00", "11:30") : ("10:30", "11:30"), (kept.Stop.Start, kept.Stop.End));
        var listed = Assert.Single(plan.Unplanned);
        Assert.Equal((UnplannedReasons.AppointmentConflict, wednesday), (listed.Reason, listed.Date));
        Assert.NotEqual(kept.Stop.AccountId, listed.AccountId);
        var gap = demand.MinGap(demand.VisitsDue(accounts[0]));
        var days = demand.Days.ToList();
        Assert.All(stops.Where(s => s.Stop.AccountId.Value == "kept" && !s.Stop.Appointment),
            s => Assert.True(Math.Abs(days.IndexOf(s.Date) - days.IndexOf(wednesday)) >= gap));
    }

    /// <summary>The same book, policy and period give the same plan, visit for visit (a fixed seed and iteration budget, no clock).</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Plan_IsTheSameOnEveryRun(int seed)
    {
        var random = new Random(seed);
        var accounts = Enumerable.Range(0, 40).Select(i => Account($"a{i}",
            new GeoPoint(Home.Lat + (random.NextDouble() - 0.5), Home.Lon + (random.NextDouble() - 0.5)), new[] { "A", "B", "C" }[random.Next(3)])).ToList();
        var reps = new[] { Rep("r1", Home), Rep("r2", East(Home, 30)) };

        var first = PlanFor(reps, accounts, Policy()).Plan;
        var second = PlanFor(reps, accounts, Policy()).Plan;

        static string Text(VisitPlan plan) => System.Text.Json.JsonSerializer.Serialize(plan with { SolveSeconds = 0 });
        Assert.Equal(Text(first), Text(second));
        Assert.True(first.Planned > 0);
    }
}
