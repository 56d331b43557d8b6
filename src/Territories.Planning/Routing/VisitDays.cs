namespace Territories.Planning.Routing;

/// <summary>
/// The days a customer of a <see cref="PeriodicInstance"/> may be served on: which day sets are allowed, and which of them
/// costs least given the cheapest insertion on each day. A customer is served on all the days of the set chosen.
/// </summary>
public abstract class VisitDays
{
    /// <summary>The cost of a day that cannot take the customer.</summary>
    public const long Impossible = long.MaxValue;

    /// <summary>Every day an allowed set uses, in order; empty when the customer is never served.</summary>
    public abstract int[] Days { get; }

    /// <summary>
    /// The allowed day set whose days cost least together, <paramref name="costOn"/> giving each day's cheapest insertion
    /// (<see cref="Impossible"/> where the day cannot take it; only <see cref="Days"/> are read); null when no set fits.
    /// </summary>
    public abstract int[]? Cheapest(long[] costOn);

    /// <summary>True when the customer may be served on exactly these days (sorted).</summary>
    public abstract bool Allows(IReadOnlyList<int> days);

    /// <summary>The cost of the visits an allowed set leaves out (a set may plan fewer visits than are due); 0 by default.</summary>
    public virtual long Shortfall(int[] days) => 0;
}

/// <summary>An explicit list of allowed day sets (a published periodic instance's visit combinations); ties go to the earlier set.</summary>
public sealed class DayCombinations : VisitDays
{
    private readonly IReadOnlyList<int[]> _combinations;

    public DayCombinations(IReadOnlyList<int[]> combinations)
    {
        _combinations = combinations;
        Days = combinations.SelectMany(days => days).Distinct().Order().ToArray();
    }

    /// <summary>Never served (the depot, or a customer without visits).</summary>
    public static DayCombinations None { get; } = new([]);

    public override int[] Days { get; }

    public override int[]? Cheapest(long[] costOn)
    {
        int[]? chosen = null;
        var chosenCost = long.MaxValue;
        foreach (var combination in _combinations)
        {
            long total = 0;
            foreach (var day in combination)
            {
                if (costOn[day] == Impossible) { total = long.MaxValue; break; }
                total += costOn[day];
            }
            if (total < chosenCost) (chosen, chosenCost) = (combination, total);
        }
        return chosen;
    }

    public override bool Allows(IReadOnlyList<int> days) => _combinations.Any(k => k.SequenceEqual(days));
}
