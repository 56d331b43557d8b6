using Territories.Planning.Routing;

namespace Territories.Planning.Tests.Routing;

/// <summary>
/// The ruin-and-recreate search on small generated instances with fixed seeds and iteration budgets (never a clock):
/// every route re-checked by <see cref="IndependentCheck"/>, written here apart from <see cref="RouteRules"/>.
/// </summary>
public sealed class RuinAndRecreateTests
{
    private static RoutingSearch Budget(int iterations, int seed = 1) => new(null, iterations, seed);

    /// <summary>A generated instance: customers on a 100 x 100 square, travel = cost = rounded distance; the rules switched on by the flags.</summary>
    private static RoutingInstance Generate(int seed, int customers, bool windows = true, bool severalSpans = false, bool breaks = false,
        bool penalties = false, bool maxDuration = false, bool minimiseDuration = false, int vehicles = 25)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, customers + 1).Select(i => i == 0 ? (X: 50.0, Y: 50.0) : (X: random.NextDouble() * 100, Y: random.NextDouble() * 100)).ToArray();
        var travel = points.Select(a => points.Select(b => (long)Math.Round(Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2)))).ToArray()).ToArray();
        const long horizon = 600;
        var spans = new IReadOnlyList<Span>[customers + 1];
        spans[0] = [];
        for (var c = 1; c <= customers; c++)
        {
            if (!windows || random.Next(4) == 0) { spans[c] = []; continue; }
            var from = random.Next(0, 450);
            var first = new Span(from, from + 30 + random.Next(90));
            spans[c] = severalSpans && random.Next(2) == 0 && first.To + 60 < horizon - 60
                ? [first, new Span(first.To + 40, Math.Min(horizon - 60, first.To + 100))]
                : [first];
        }
        return new RoutingInstance
        {
            Travel = travel,
            Service = Enumerable.Range(0, customers + 1).Select(i => i == 0 ? 0L : 5 + random.Next(20)).ToArray(),
            Windows = spans,
            Demand = Enumerable.Range(0, customers + 1).Select(i => i == 0 ? 0L : 1 + random.Next(20)).ToArray(),
            Capacity = 60,
            Vehicles = vehicles,
            HorizonEnd = horizon,
            MaxDuration = maxDuration ? 300 : null,
            Break = breaks ? new BreakRule(200, 320, 45) : null,
            MinimiseDuration = minimiseDuration,
            DropPenalty = penalties ? Enumerable.Range(0, customers + 1).Select(i => i == 0 ? 0L : 1_000L).ToArray() : null,
        };
    }

    public static TheoryData<int, string> Generated() => new()
    {
        { 1, "windows" }, { 2, "windows" }, { 3, "several spans" }, { 4, "several spans" }, { 5, "break" }, { 6, "break" },
        { 7, "duration" }, { 8, "duration" }, { 9, "workday" }, { 10, "workday" },
    };

    private static RoutingInstance Variant(int seed, string variant) => variant switch
    {
        "windows" => Generate(seed, 40),
        "several spans" => Generate(seed, 40, severalSpans: true),
        "break" => Generate(seed, 25, severalSpans: true, breaks: true, vehicles: 4, penalties: true),
        "duration" => Generate(seed, 40, windows: false, maxDuration: true, vehicles: 9),
        // the product's day: one vehicle, windows, a break, drops at a penalty, the day's duration in the cost
        _ => Generate(seed, 15, severalSpans: true, breaks: true, penalties: true, minimiseDuration: true, vehicles: 1),
    };

    [Theory]
    [MemberData(nameof(Generated))]
    public void EveryRouteKeepsEveryRule_AndEveryCustomerIsServedOnceOrReported(int seed, string variant)
    {
        var instance = Variant(seed, variant);

        var result = RouteSolver.Solve(instance, Budget(400, seed));

        Assert.NotNull(result.Routes);
        Assert.Empty(IndependentCheck(instance, result.Routes));
        var served = result.Routes.SelectMany(r => r.Stops).Select(s => s.Node).ToList();
        Assert.Equal(served.Count, served.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, instance.Nodes - 1), served.Concat(result.Dropped).Order());
        Assert.Equal(result.Routes.Sum(r => ArcCost(instance, r)), result.Cost);
        if (instance.DropPenalty is null) Assert.Empty(result.Dropped);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(14)]
    public void TheResult_IsNeverWorseThanTheStartingSolution(int seed)
    {
        var instance = Generate(seed, 40);
        var start = OrToolsRouteSolver.Solve(instance, new RoutingSearch());
        Assert.NotNull(start.Routes);
        Assert.Empty(start.Dropped);
        var startRoutes = start.Routes.Select(r => (IReadOnlyList<int>)r.Stops.Select(s => s.Node).ToList()).ToList();

        var result = RuinAndRecreate.Solve(PeriodicInstance.OneDay(instance), Budget(300, seed), [startRoutes]);

        Assert.Empty(result.Dropped);
        Assert.Empty(IndependentCheck(instance, result.Days[0]));
        Assert.True(result.Cost <= start.Cost, $"{result.Cost} after the search, {start.Cost} at the start");
    }

    [Fact]
    public void TheSameSeedAndBudget_GiveTheSameRoutes()
    {
        var instance = Generate(21, 30, severalSpans: true, breaks: true, penalties: true, vehicles: 3);

        var first = RouteSolver.Solve(instance, Budget(200, 5));
        var second = RouteSolver.Solve(instance, Budget(200, 5));

        Assert.Equal(first.Cost, second.Cost);
        Assert.Equal(first.Routes!.Select(r => string.Join(",", r.Stops)), second.Routes!.Select(r => string.Join(",", r.Stops)));
    }

    [Fact]
    public void Finds_TheShortestTour_OfPointsOnACircle()
    {
        // 12 points on a circle of radius 100 around the depot's side: the shortest single tour visits them in circle order.
        const int n = 12;
        var points = Enumerable.Range(0, n).Select(k => (X: 100 * Math.Cos(2 * Math.PI * k / n), Y: 100 * Math.Sin(2 * Math.PI * k / n)))
            .ToList();
        var shuffled = points.Select((p, k) => (p, key: (k * 7) % n)).OrderBy(x => x.key).Select(x => x.p).Prepend((X: 100.0, Y: 0.0)).ToArray();
        var travel = shuffled.Select(a => shuffled.Select(b => (long)Math.Round(1000 * Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2)))).ToArray()).ToArray();
        var instance = new RoutingInstance
        {
            Travel = travel, Service = new long[n + 1], Windows = Enumerable.Range(0, n + 1).Select(_ => (IReadOnlyList<Span>)[]).ToArray(),
            Vehicles = 1, HorizonEnd = long.MaxValue / 8,
        };
        var side = (long)Math.Round(1000 * 2 * 100 * Math.Sin(Math.PI / n));

        var result = RouteSolver.Solve(instance, Budget(500));

        Assert.InRange(result.Cost, n * side - n, n * side + n);
    }

    [Fact]
    public void TheBreak_IsTakenInsideItsWindow_BetweenVisits_AndMakesARouteLonger()
    {
        // Two stops 10 apart from each other and the depot, service 60 each; the break (30, starting 100 to 130) must fall after the first visit.
        var instance = new RoutingInstance
        {
            Travel = [[0, 10, 10], [10, 0, 10], [10, 10, 0]],
            Service = [0, 60, 60],
            Windows = [[], [new Span(0, 20)], [new Span(0, 400)]],
            HorizonEnd = 400,
            Break = new BreakRule(100, 130, 30),
        };
        var rules = new RouteRules(instance);

        var route = rules.Schedule([1, 2]);

        Assert.NotNull(route);
        Assert.Empty(IndependentCheck(instance, [route]));
        Assert.InRange(route.BreakStart!.Value, 100, 130);
        // back at 200: the first visit ends at 70, the break waits for 100, the second visit starts at 130
        Assert.Equal((0L, 130L, 200L), (route.Leave, route.Stops[1].Start, route.Return));
        // With the break's window before the horizon allows nothing, the route is refused.
        Assert.Null(new RouteRules(new RoutingInstance
        {
            Travel = instance.Travel, Service = instance.Service, Windows = [[], [new Span(0, 20)], [new Span(80, 80)]], HorizonEnd = 400,
            Break = new BreakRule(75, 90, 30),
        }).Schedule([1, 2]));
    }

    [Fact]
    public void AStopWithSeveralSpans_IsServedInALaterSpanWhenTheFirstHasPassed()
    {
        var instance = new RoutingInstance
        {
            Travel = [[0, 50, 50], [50, 0, 10], [50, 10, 0]],
            Service = [0, 30, 10],
            Windows = [[], [new Span(50, 60)], [new Span(0, 60), new Span(200, 250)]],
            HorizonEnd = 400,
        };

        var route = new RouteRules(instance).Schedule([1, 2]);

        Assert.NotNull(route);
        Assert.Equal([50L, 200L], route.Stops.Select(s => s.Start));
        Assert.Null(new RouteRules(instance).Schedule([2, 1])); // the other way round the first stop's only span has passed
    }

    /// <summary>
    /// Periodic property: over generated instances (fixed seeds) every customer is served on exactly the days of one of its
    /// allowed combinations (so its visits keep the spacing the combinations encode) or is reported as dropped, and every
    /// day's routes keep the rules.
    /// </summary>
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(34)]
    public void Periodic_EveryCustomerIsServedOnOneAllowedCombination_OrReported(int seed)
    {
        var random = new Random(seed);
        var days = Enumerable.Range(0, 5).Select(d => Generate(seed, 30, windows: d % 2 == 0, maxDuration: d % 2 == 1, vehicles: 3)).ToList();
        var shared = days[0];
        // The same places every day (day 0's travel), each day its own windows and rules.
        days = days.Select(d => new RoutingInstance
        {
            Travel = shared.Travel, Service = shared.Service, Windows = d.Windows, Demand = shared.Demand, Capacity = shared.Capacity,
            Vehicles = d.Vehicles, HorizonEnd = d.HorizonEnd, MaxDuration = d.MaxDuration,
        }).ToList();
        // Once a week (any day), twice (two days apart at least), or daily; some customers with no combination are never served.
        int[][][] patterns = [[[0], [1], [2], [3], [4]], [[0, 2], [0, 3], [1, 3], [1, 4], [2, 4]], [[0, 1, 2, 3, 4]]];
        var combinations = Enumerable.Range(0, 31).Select(c => c == 0 ? [] : (IReadOnlyList<int[]>)patterns[random.Next(random.Next(2) == 0 ? 2 : 3)]).ToList();
        combinations[7] = [];
        var instance = new PeriodicInstance { Days = days, Combinations = combinations.Select(c => (VisitDays)new DayCombinations(c)).ToList() };

        var result = RuinAndRecreate.Solve(instance, Budget(300, seed));

        var daysOf = Enumerable.Range(0, 31).Select(_ => new List<int>()).ToArray();
        for (var d = 0; d < 5; d++)
        {
            Assert.Empty(IndependentCheck(days[d], result.Days[d]));
            foreach (var stop in result.Days[d].SelectMany(r => r.Stops)) daysOf[stop.Node].Add(d);
        }
        Assert.Empty(daysOf[7]);
        Assert.DoesNotContain(7, result.Dropped);
        for (var c = 1; c <= 30; c++)
        {
            if (c == 7) continue;
            if (result.Dropped.Contains(c)) Assert.Empty(daysOf[c]);
            else Assert.Contains(combinations[c], k => k.SequenceEqual(daysOf[c]));
        }
        Assert.True(result.Dropped.Count <= 3, $"{result.Dropped.Count} customers dropped");
    }

    [Fact]
    public void Periodic_ACustomerNoDayCanTake_IsReportedAndTheOthersServed()
    {
        var day = Generate(41, 12, windows: false, vehicles: 3);
        var demand = (long[])day.Demand!.Clone();
        demand[5] = day.Capacity + 1;
        var days = Enumerable.Range(0, 3).Select(_ => new RoutingInstance
        {
            Travel = day.Travel, Service = day.Service, Windows = day.Windows, Demand = demand, Capacity = day.Capacity, Vehicles = 3, HorizonEnd = day.HorizonEnd,
        }).ToList();
        var instance = new PeriodicInstance
        {
            Days = days,
            Combinations = Enumerable.Range(0, 13).Select(c => c == 0 ? DayCombinations.None : (VisitDays)new DayCombinations([[0, 2], [1]])).ToList(),
        };

        var result = RuinAndRecreate.Solve(instance, Budget(200));

        Assert.Equal([5], result.Dropped);
        Assert.Equal(11, result.Days.SelectMany(d => d).SelectMany(r => r.Stops).Select(s => s.Node).Distinct().Count());
    }

    private static long ArcCost(RoutingInstance instance, Route route)
    {
        var path = route.Stops.Select(s => s.Node).Prepend(0).Append(0).ToList();
        return path.Zip(path.Skip(1)).Sum(p => (instance.Cost ?? instance.Travel)[p.First][p.Second]);
    }

    /// <summary>
    /// Checks a day's routes from the instance alone: the fleet, capacity, each start inside one of its spans and no
    /// sooner than the stop before allows (travel, and the break when it falls in that gap), the break inside its window
    /// and never during a visit, leave and return within the horizon, the duration limit.
    /// </summary>
    private static List<string> IndependentCheck(RoutingInstance instance, IReadOnlyList<Route> routes)
    {
        var errors = new List<string>();
        if (routes.Count > instance.Vehicles) errors.Add("more routes than vehicles");
        foreach (var route in routes)
        {
            var load = route.Stops.Sum(s => instance.Demand?[s.Node] ?? 0);
            if (load > instance.Capacity) errors.Add($"load {load} over capacity");
            if (route.Leave < instance.HorizonStart || route.Return > instance.HorizonEnd) errors.Add("outside the horizon");
            if (instance.MaxDuration is { } limit && route.Return - route.Leave > limit) errors.Add("route too long");
            var rule = instance.Break;
            if (rule is not null && (route.BreakStart is not { } b0 || b0 < rule.Earliest || b0 > rule.Latest)) errors.Add("break missing or outside its window");
            if (rule is not null && route.BreakStart is { } b1 && b1 < route.Leave && b1 + rule.Duration > route.Leave) errors.Add("break across the departure");
            // Events: leave, each visit [start, end], return; the gaps between them hold the travel, and the break if it falls there.
            var previousEnd = route.Leave;
            var previous = 0;
            foreach (var stop in route.Stops.Append(new RoutedStop(0, route.Return)))
            {
                var spans = stop.Node == 0 ? [] : instance.Windows[stop.Node];
                if (spans.Count > 0 && !spans.Any(s => s.From <= stop.Start && stop.Start <= s.To)) errors.Add($"node {stop.Node} outside its spans");
                var gap = stop.Start - previousEnd;
                var breakHere = route.BreakStart is { } b && rule is not null && b >= previousEnd && b + rule.Duration <= stop.Start ? rule.Duration : 0;
                if (gap < instance.Travel[previous][stop.Node] + breakHere) errors.Add($"node {stop.Node} reached too soon");
                if (route.BreakStart is { } bs && rule is not null && stop.Node != 0 && bs < stop.Start + instance.Service[stop.Node] && stop.Start < bs + rule.Duration)
                    errors.Add($"break during the visit to {stop.Node}");
                previousEnd = stop.Start + instance.Service[stop.Node];
                previous = stop.Node;
            }
        }
        return errors;
    }
}
