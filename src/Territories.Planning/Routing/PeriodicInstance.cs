namespace Territories.Planning.Routing;

/// <summary>
/// Routing over several days at once: each day is a <see cref="RoutingInstance"/> over the same nodes (its own windows,
/// vehicles and rules); each customer is served on all the days of one of its allowed day sets (<see cref="VisitDays"/>:
/// an explicit list of combinations, or evenly spaced visits), or not at all. A one-day instance whose customers each
/// have the single combination {0} is the plain VRPTW.
/// </summary>
public sealed class PeriodicInstance
{
    public required IReadOnlyList<RoutingInstance> Days { get; init; }

    /// <summary>Per node (0, the depot, unused: <see cref="DayCombinations.None"/>): the allowed day sets; no day means the node is never served.</summary>
    public required IReadOnlyList<VisitDays> Combinations { get; init; }

    /// <summary>Cost of leaving each customer unserved (all its days); null makes every customer mandatory.</summary>
    public long[]? DropPenalty { get; init; }

    public int Nodes => Combinations.Count;

    private static readonly DayCombinations DayOne = new([[0]]);

    /// <summary>The plain one-day problem: every stop on day 0, the instance's own drop penalties.</summary>
    public static PeriodicInstance OneDay(RoutingInstance instance) => new()
    {
        Days = [instance],
        Combinations = Enumerable.Range(0, instance.Nodes).Select(n => n == 0 ? DayCombinations.None : DayOne).ToList(),
        DropPenalty = instance.DropPenalty,
    };
}

/// <summary>The routes of each day, the customers left out, and the total arc cost over all days.</summary>
public sealed record PeriodicResult(IReadOnlyList<IReadOnlyList<Route>> Days, IReadOnlyList<int> Dropped, long Cost, long Iterations);
