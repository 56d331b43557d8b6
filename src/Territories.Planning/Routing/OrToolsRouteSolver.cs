using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

namespace Territories.Planning.Routing;

/// <summary>
/// The textbook peer of <see cref="RouteSolver"/>, measured beside it in the quality runner: the OR-Tools routing library: a time dimension whose transit is service
/// plus travel (waiting is slack), service start windows, optional capacity, route duration limit, break and drop
/// penalties; arc cost is travel (plus route duration when asked). Leave and return times are made as early as the route allows.
/// </summary>
public static class OrToolsRouteSolver
{
    private const string Time = "time";

    public static RoutingResult Solve(RoutingInstance instance, RoutingSearch search)
    {
        var manager = new RoutingIndexManager(instance.Nodes, instance.Vehicles, 0);
        var routing = new RoutingModel(manager);
        var cost = instance.Cost ?? instance.Travel;
        var arc = routing.RegisterTransitCallback((from, to) => cost[manager.IndexToNode(from)][manager.IndexToNode(to)]);
        routing.SetArcCostEvaluatorOfAllVehicles(arc);
        var transit = routing.RegisterTransitCallback((from, to) =>
        {
            var i = manager.IndexToNode(from);
            return instance.Service[i] + instance.Travel[i][manager.IndexToNode(to)];
        });
        routing.AddDimension(transit, instance.HorizonEnd, instance.HorizonEnd, false, Time);
        var time = routing.GetMutableDimension(Time);
        Windows(instance, manager, routing, time);
        Capacity(instance, manager, routing);
        for (var v = 0; v < instance.Vehicles; v++)
        {
            time.CumulVar(routing.Start(v)).SetRange(instance.HorizonStart, instance.HorizonEnd);
            time.CumulVar(routing.End(v)).SetRange(instance.HorizonStart, instance.HorizonEnd);
            if (instance.MaxDuration is { } limit) time.SetSpanUpperBoundForVehicle(limit, v);
            if (instance.MinimiseDuration) time.SetSpanCostCoefficientForVehicle(1, v);
            routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.Start(v)));
            routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.End(v)));
        }
        var breaks = Breaks(instance, manager, routing, time);
        if (instance.DropPenalty is { } penalties)
            for (var node = 1; node < instance.Nodes; node++)
                routing.AddDisjunction([manager.NodeToIndex(node)], penalties[node]);

        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.ParallelCheapestInsertion;
        if (search.TimeLimitSeconds is { } seconds and > 0)
        {
            parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
            parameters.TimeLimit = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds));
        }
        else
        {
            parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GreedyDescent;
        }
        var solution = routing.SolveWithParameters(parameters);
        return solution is null ? new RoutingResult(null, [], 0) : Read(instance, manager, routing, time, breaks, solution);
    }

    private static void Windows(RoutingInstance instance, RoutingIndexManager manager, RoutingModel routing, RoutingDimension time)
    {
        for (var node = 1; node < instance.Nodes; node++)
        {
            var windows = instance.Windows[node];
            if (windows.Count == 0) continue;
            var cumul = time.CumulVar(manager.NodeToIndex(node));
            cumul.SetRange(windows[0].From, windows[^1].To);
            for (var w = 1; w < windows.Count; w++)
                if (windows[w].From > windows[w - 1].To + 1) cumul.RemoveInterval(windows[w - 1].To + 1, windows[w].From - 1);
        }
    }

    private static void Capacity(RoutingInstance instance, RoutingIndexManager manager, RoutingModel routing)
    {
        if (instance.Demand is not { } demand) return;
        var load = routing.RegisterUnaryTransitCallback(index => demand[manager.IndexToNode(index)]);
        routing.AddDimensionWithVehicleCapacity(load, 0, Enumerable.Repeat(instance.Capacity, instance.Vehicles).ToArray(), true, "load");
    }

    private static IntervalVar[] Breaks(RoutingInstance instance, RoutingIndexManager manager, RoutingModel routing, RoutingDimension time)
    {
        if (instance.Break is not { } rule) return [];
        var solver = routing.solver();
        var visits = Enumerable.Range(0, (int)routing.Size()).Select(index =>
            routing.IsStart(index) ? 0 : instance.Service[manager.IndexToNode(index)]).ToArray();
        var breaks = new IntervalVar[instance.Vehicles];
        for (var v = 0; v < instance.Vehicles; v++)
        {
            breaks[v] = solver.MakeFixedDurationIntervalVar(rule.Earliest, rule.Latest, rule.Duration, false, $"break {v}");
            time.SetBreakIntervalsOfVehicle(new IntervalVarVector { breaks[v] }, v, visits);
        }
        return breaks;
    }

    private static RoutingResult Read(RoutingInstance instance, RoutingIndexManager manager, RoutingModel routing, RoutingDimension time,
        IntervalVar[] breaks, Assignment solution)
    {
        var routes = new List<Route>();
        var served = new bool[instance.Nodes];
        var breakStarts = BreakStarts(solution, breaks, instance.Vehicles);
        for (var v = 0; v < instance.Vehicles; v++)
        {
            var stops = new List<RoutedStop>();
            for (var index = solution.Value(routing.NextVar(routing.Start(v))); !routing.IsEnd(index); index = solution.Value(routing.NextVar(index)))
            {
                var node = manager.IndexToNode(index);
                served[node] = true;
                stops.Add(new RoutedStop(node, solution.Value(time.CumulVar(index))));
            }
            if (stops.Count == 0) continue;
            routes.Add(new Route(solution.Value(time.CumulVar(routing.Start(v))), solution.Value(time.CumulVar(routing.End(v))), stops, breakStarts[v]));
        }
        var dropped = Enumerable.Range(1, instance.Nodes - 1).Where(n => !served[n]).ToList();
        var rules = new RouteRules(instance);
        var cost = routes.Sum(r => rules.ArcCost(r.Stops.Select(s => s.Node)));
        return new RoutingResult(routes, dropped, cost);
    }

    private static long?[] BreakStarts(Assignment solution, IntervalVar[] breaks, int vehicles)
    {
        var starts = new long?[vehicles];
        var container = solution.IntervalVarContainer();
        for (var i = 0; i < container.Size(); i++)
        {
            var element = container.Element(i);
            // SWIG hands out a new wrapper per call: the interval is recognised by its name.
            var name = element.Var().Name();
            var v = Array.FindIndex(breaks, b => b.Name() == name);
            if (v >= 0 && element.PerformedValue() == 1) starts[v] = element.StartValue();
        }
        return starts;
    }
}
