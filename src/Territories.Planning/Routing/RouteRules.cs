namespace Territories.Planning.Routing;

/// <summary>
/// The one place where a route's feasibility is decided: service start windows (several spans per stop), service and
/// travel times, capacity, the horizon, the longest route, and the break every route takes. <see cref="Schedule"/>
/// times a whole route exactly (leaving as late as the earliest return allows when the route's duration counts);
/// <see cref="EarliestStart"/> and <see cref="LatestStart"/> are the per-stop rules the search's constant-time insertion
/// test is built from when the instance has neither a break nor a duration to minimise (<see cref="ConstantTimeInsertion"/>).
/// </summary>
public sealed class RouteRules
{
    private const long Never = long.MinValue / 4;
    private const long Unreachable = long.MaxValue / 4;

    public RouteRules(RoutingInstance instance)
    {
        Instance = instance;
        Cost = instance.Cost ?? instance.Travel;
        HasWindows = instance.Windows.Any(w => w.Count > 0);
        ConstantTimeInsertion = instance.Break is null && !instance.MinimiseDuration && (instance.MaxDuration is null || !HasWindows);
    }

    public RoutingInstance Instance { get; }

    public long[][] Cost { get; }

    private bool HasWindows { get; }

    /// <summary>
    /// True when an insertion is decided by the earliest start before it, the latest start after it, the load and (without
    /// windows, so without waiting) the route's work time: no break, no duration in the cost, no duration limit with windows.
    /// </summary>
    public bool ConstantTimeInsertion { get; }

    public long Demand(int node) => Instance.Demand?[node] ?? 0;

    /// <summary>The earliest start of service at <paramref name="node"/> when it is reached at <paramref name="arrival"/>; <see cref="Unreachable"/> when every span has passed.</summary>
    public long EarliestStart(int node, long arrival)
    {
        if (node == 0) return arrival <= Instance.HorizonEnd ? Math.Max(arrival, Instance.HorizonStart) : Unreachable;
        var windows = Instance.Windows[node];
        if (windows.Count == 0) return arrival <= Instance.HorizonEnd ? Math.Max(arrival, Instance.HorizonStart) : Unreachable;
        foreach (var span in windows)
            if (arrival <= span.To) return Math.Max(arrival, span.From);
        return Unreachable;
    }

    /// <summary>The latest start of service at <paramref name="node"/> no later than <paramref name="bound"/>; <see cref="Never"/> when no span allows it.</summary>
    public long LatestStart(int node, long bound)
    {
        if (node == 0 || Instance.Windows[node].Count == 0)
            return bound >= Instance.HorizonStart ? Math.Min(bound, Instance.HorizonEnd) : Never;
        var windows = Instance.Windows[node];
        for (var w = windows.Count - 1; w >= 0; w--)
            if (bound >= windows[w].From) return Math.Min(bound, windows[w].To);
        return Never;
    }

    public static bool Feasible(long time) => time is > Never and < Unreachable;

    public long ArcCost(IEnumerable<int> nodes)
    {
        long total = 0;
        var previous = 0;
        foreach (var node in nodes)
        {
            total += Cost[previous][node];
            previous = node;
        }
        return total + Cost[previous][0];
    }

    /// <summary>
    /// Times the route depot, <paramref name="nodes"/>, depot, or answers null when it breaks a rule. The break goes in
    /// the first gap (before leaving, between stops, while travelling or waiting, or after return) that keeps every start
    /// earliest. Without a duration to minimise or limit, the route leaves at the horizon's start; otherwise it leaves as
    /// late as still lets it return at its earliest.
    /// </summary>
    public Route? Schedule(IReadOnlyList<int> nodes) => Time(nodes) is { } timed
        ? new Route(timed.Leave, timed.Return, nodes.Select((n, i) => new RoutedStop(n, timed.Starts[i])).ToList(), timed.BreakStart)
        : null;

    /// <summary>The cost of the route depot, <paramref name="nodes"/>, depot as <see cref="Schedule"/> times it: arcs, plus its duration (waiting and break included) when the instance minimises it; null when it breaks a rule.</summary>
    public long? ScheduledCost(IReadOnlyList<int> nodes) =>
        Time(nodes) is { } timed ? ArcCost(nodes) + (Instance.MinimiseDuration ? timed.Return - timed.Leave : 0) : null;

    private Timed? Time(IReadOnlyList<int> nodes)
    {
        long load = 0;
        foreach (var node in nodes) load += Demand(node);
        if (load > Instance.Capacity) return null;
        var earliest = Forward(nodes, Instance.HorizonStart);
        if (earliest is null) return null;
        if (Instance.MinimiseDuration || Instance.MaxDuration is not null)
        {
            // Leaving later only counts when the route still returns at its earliest.
            var late = Forward(nodes, LatestLeave(nodes, earliest.Value.Return));
            if (late is not null && late.Value.Return <= earliest.Value.Return) earliest = late;
        }
        var timed = earliest.Value;
        if (Instance.MaxDuration is { } limit && timed.Return - timed.Leave > limit) return null;
        return timed;
    }

    private readonly record struct Timed(long Leave, long Return, long[] Starts, long? BreakStart);

    /// <summary>
    /// Earliest starts from <paramref name="leave"/>, in two states: the break not yet taken, and taken; each state keeps
    /// where its break went, so the route is read back from the better end.
    /// </summary>
    private Timed? Forward(IReadOnlyList<int> nodes, long leave)
    {
        var rule = Instance.Break;
        var count = nodes.Count;
        // before[i]: earliest start at position i (0 = leaving the depot, count + 1 = back) without the break; after[i]: with it.
        var before = new long[count + 2];
        var after = new long[count + 2];
        var breakAt = new long[count + 2]; // the break start of the 'after' state at position i
        var breakGap = new int[count + 2]; // the gap (position it ends at) where the 'after' state took its break, -1 before leaving
        before[0] = leave;
        after[0] = Unreachable;
        if (rule is not null && leave >= rule.Earliest + rule.Duration)
        {
            after[0] = leave;
            breakAt[0] = Math.Min(rule.Latest, leave - rule.Duration);
            breakGap[0] = -1;
        }
        var previous = 0;
        for (var i = 1; i <= count + 1; i++)
        {
            var node = i <= count ? nodes[i - 1] : 0;
            var travel = Instance.Travel[previous][node];
            var service = Instance.Service[previous];
            before[i] = before[i - 1] >= Unreachable ? Unreachable : EarliestStart(node, before[i - 1] + service + travel);
            after[i] = after[i - 1] >= Unreachable ? Unreachable : EarliestStart(node, after[i - 1] + service + travel);
            breakAt[i] = breakAt[i - 1];
            breakGap[i] = breakGap[i - 1];
            if (rule is not null && before[i - 1] < Unreachable)
            {
                var free = before[i - 1] + service;
                var start = Math.Max(free, rule.Earliest);
                if (start <= rule.Latest)
                {
                    var via = EarliestStart(node, Math.Max(free + travel, rule.Earliest) + rule.Duration);
                    if (via < after[i])
                    {
                        after[i] = via;
                        breakAt[i] = Math.Min(start, rule.Latest);
                        breakGap[i] = i;
                    }
                }
            }
            previous = node;
        }
        var end = count + 1;
        if (rule is null) return before[end] >= Unreachable ? null : new Timed(leave, before[end], before[1..end], null);
        var afterReturn = before[end] < Unreachable && Math.Max(before[end], rule.Earliest) <= rule.Latest;
        if (after[end] < Unreachable && (!afterReturn || after[end] <= before[end])) return Recompute(nodes, leave, breakGap[end], breakAt[end]);
        if (!afterReturn) return null;
        return new Timed(leave, before[end], before[1..end], Math.Max(before[end], rule.Earliest));
    }

    /// <summary>Times the route again with the break fixed in gap <paramref name="gap"/> (ending at that position; -1: before leaving), so every start is consistent with that one choice.</summary>
    private Timed? Recompute(IReadOnlyList<int> nodes, long leave, int gap, long breakStartHint)
    {
        var rule = Instance.Break!;
        var starts = new long[nodes.Count];
        var time = leave;
        long breakStart = breakStartHint;
        var previous = 0;
        for (var i = 1; i <= nodes.Count + 1; i++)
        {
            var node = i <= nodes.Count ? nodes[i - 1] : 0;
            var free = time + Instance.Service[previous];
            var travel = Instance.Travel[previous][node];
            long arrival;
            if (i == gap)
            {
                breakStart = Math.Max(free, rule.Earliest);
                if (breakStart > rule.Latest) return null;
                arrival = Math.Max(free + travel, rule.Earliest) + rule.Duration;
            }
            else arrival = free + travel;
            time = EarliestStart(node, arrival);
            if (time >= Unreachable) return null;
            if (i <= nodes.Count) starts[i - 1] = time;
            previous = node;
        }
        return new Timed(leave, time, starts, breakStart);
    }

    /// <summary>
    /// The latest the route can leave and still be back by <paramref name="back"/>, its break included: latest starts
    /// backwards in two states (the break still to come, or already behind).
    /// </summary>
    private long LatestLeave(IReadOnlyList<int> nodes, long back)
    {
        var rule = Instance.Break;
        var count = nodes.Count;
        long done = back; // latest start at position i with the break already taken before it
        var need = rule is null ? back : Math.Min(back, rule.Latest); // the break still to take (at the latest, right after return)
        var next = 0;
        for (var i = count; i >= 0; i--)
        {
            var node = i >= 1 ? nodes[i - 1] : 0;
            var travel = Instance.Travel[node][next];
            var service = Instance.Service[node];
            var newDone = Feasible(done) ? LatestStart(node, done - travel - service) : Never;
            var newNeed = Feasible(need) ? LatestStart(node, need - travel - service) : Never;
            if (rule is not null && Feasible(done) && rule.Earliest + rule.Duration <= done)
                newNeed = Math.Max(newNeed, LatestStart(node, Math.Min(done - travel - rule.Duration, rule.Latest) - service));
            done = newDone;
            need = newNeed;
            next = node;
        }
        if (rule is null) return Feasible(done) ? Math.Max(done, Instance.HorizonStart) : Instance.HorizonStart;
        var leave = need;
        if (Feasible(done) && done >= Math.Max(Instance.HorizonStart, rule.Earliest + rule.Duration)) leave = Math.Max(leave, done);
        return Feasible(leave) ? Math.Max(leave, Instance.HorizonStart) : Instance.HorizonStart;
    }
}
