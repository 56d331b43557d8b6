namespace Territories.Planning.Routing;

/// <summary>
/// A vehicle routing problem with time windows in whole units (minutes, or tenths for published sets): node 0 is the
/// depot where every route starts and ends; the others are stops served at most once.
/// </summary>
public sealed class RoutingInstance
{
    /// <summary>Travel time between nodes, [from][to]; it is also the arc cost unless <see cref="Cost"/> is given.</summary>
    public required long[][] Travel { get; init; }

    /// <summary>Arc cost when it differs from travel time; null means travel time.</summary>
    public long[][]? Cost { get; init; }

    /// <summary>Time spent at each node before leaving it; 0 at the depot.</summary>
    public required long[] Service { get; init; }

    /// <summary>When service may start at each node, as sorted disjoint spans; an empty list means any time of the horizon.</summary>
    public required IReadOnlyList<Span>[] Windows { get; init; }

    public long[]? Demand { get; init; }
    public long Capacity { get; init; } = long.MaxValue / 4;
    public int Vehicles { get; init; } = 1;

    /// <summary>Routes leave the depot at or after this time and return by <see cref="HorizonEnd"/>.</summary>
    public long HorizonStart { get; init; }
    public required long HorizonEnd { get; init; }

    /// <summary>The longest a route may last, depot to depot; null means no limit but the horizon.</summary>
    public long? MaxDuration { get; init; }

    /// <summary>A break every route takes (not during a visit), starting within the span given.</summary>
    public BreakRule? Break { get; init; }

    /// <summary>Also minimise each route's duration (waiting included), so days are compact; off for distance-only benchmarks.</summary>
    public bool MinimiseDuration { get; init; }

    /// <summary>Cost of leaving each stop unserved; null makes every stop mandatory (no solution when one cannot be served).</summary>
    public long[]? DropPenalty { get; init; }

    public int Nodes => Service.Length;
}

/// <summary>A span [From, To] of allowed start times, both inclusive.</summary>
public readonly record struct Span(long From, long To);

/// <summary>A break of <paramref name="Duration"/> that starts between <paramref name="Earliest"/> and <paramref name="Latest"/>.</summary>
public sealed record BreakRule(long Earliest, long Latest, long Duration);

/// <summary>
/// How long to search: ruin-and-recreate stops after <paramref name="Iterations"/> iterations or
/// <paramref name="TimeLimitSeconds"/> of wall-clock time, whichever comes first; with an iteration budget and no time
/// limit the result depends only on the input and <paramref name="Seed"/>.
/// </summary>
public sealed record RoutingSearch(double? TimeLimitSeconds = null, long? Iterations = null, int Seed = 1)
{
    /// <summary>
    /// The product's search over a rep's whole period: a fixed number of iterations, 25 per visit due, between 2,000 and
    /// 6,000, so the same input gives the same routes on any machine. Each iteration ruins and recreates visits across
    /// all the period's days: on the sample book (about 40 visits a rep) the routes improve by less than 0.5% past 500;
    /// a rep with far more visits than days to hold them keeps packing more of them in up to about 6,000.
    /// </summary>
    public static RoutingSearch Deterministic(int visits) => new(null, Math.Clamp(25L * visits, 2_000, 6_000));

    public static RoutingSearch For(double seconds, int seed = 1) => new(seconds, null, seed);
}

/// <summary>One stop of a route: the node and when its service starts.</summary>
public readonly record struct RoutedStop(int Node, long Start);

/// <summary>One vehicle's route: when it leaves and returns to the depot, its stops in order, and its break (if any).</summary>
public sealed record Route(long Leave, long Return, IReadOnlyList<RoutedStop> Stops, long? BreakStart);

/// <summary>The solver's answer: routes of the vehicles used, the stops left out, and the total arc cost; null routes when no solution was found.</summary>
public sealed record RoutingResult(IReadOnlyList<Route>? Routes, IReadOnlyList<int> Dropped, long Cost)
{
    public bool Solved => Routes is not null;
}
