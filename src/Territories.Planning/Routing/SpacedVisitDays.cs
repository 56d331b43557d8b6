namespace Territories.Planning.Routing;

/// <summary>
/// A customer due <see cref="Visits"/> visits over <see cref="DayCount"/> days, spread evenly: with j visits planned, the
/// i-th lies in the i-th of j equal slices of the days, consecutive visits at least <see cref="MinGap"/> days apart, each
/// on a day it is allowed. As many visits as fit are planned (each one left out costs <see cref="MissedVisitPenalty"/>),
/// the cheapest such days chosen by dynamic programming over the slices: about days^2 / j steps for j visits, where
/// enumerating the combinations would grow exponentially with the visits.
/// </summary>
public sealed class SpacedVisitDays : VisitDays
{
    private readonly bool[] _allowed;
    private readonly long[] _total;
    private readonly int[] _from;

    /// <param name="allowed">Per day, whether a visit may take place that day.</param>
    public SpacedVisitDays(int visits, int minGap, bool[] allowed, long missedVisitPenalty)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(visits);
        Visits = visits;
        MinGap = Math.Max(1, minGap);
        MissedVisitPenalty = missedVisitPenalty;
        _allowed = allowed;
        _total = new long[allowed.Length];
        _from = new int[allowed.Length];
        Days = visits == 0 ? [] : Enumerable.Range(0, allowed.Length).Where(d => allowed[d]).ToArray();
    }

    public int Visits { get; }
    public int MinGap { get; }
    public long MissedVisitPenalty { get; }
    public int DayCount => _allowed.Length;

    public override int[] Days { get; }

    /// <summary>The days of the i-th of <paramref name="visits"/> equal slices, first and last inclusive.</summary>
    public (int First, int Last) Slice(int i, int visits) => (i * DayCount / visits, (i + 1) * DayCount / visits - 1);

    /// <summary>The most visits that fit, and of those the cheapest days.</summary>
    public override int[]? Cheapest(long[] costOn)
    {
        for (var visits = Math.Min(Visits, DayCount); visits >= 1; visits--)
            if (CheapestOf(visits, costOn) is { } days) return days;
        return null;
    }

    /// <summary>The most visits the allowed days can take at all (every day free): how many of the due visits the spacing and the days allow.</summary>
    public int MostThatFit()
    {
        var free = new long[DayCount];
        for (var d = 0; d < DayCount; d++) free[d] = _allowed[d] ? 0 : Impossible;
        return Cheapest(free)?.Length ?? 0;
    }

    private int[]? CheapestOf(int visits, long[] costOn)
    {
        for (var i = 0; i < visits; i++)
        {
            var (first, last) = Slice(i, visits);
            for (var d = first; d <= last; d++)
            {
                _total[d] = Impossible;
                if (!_allowed[d] || costOn[d] == Impossible) continue;
                if (i == 0)
                {
                    (_total[d], _from[d]) = (costOn[d], -1);
                    continue;
                }
                var (before, _) = Slice(i - 1, visits);
                for (var p = before; p < first && p <= d - MinGap; p++)
                    if (_total[p] != Impossible && (_total[d] == Impossible || _total[p] + costOn[d] < _total[d]))
                        (_total[d], _from[d]) = (_total[p] + costOn[d], p);
            }
        }
        var (lastFirst, lastLast) = Slice(visits - 1, visits);
        var end = -1;
        for (var d = lastFirst; d <= lastLast; d++)
            if (_total[d] != Impossible && (end < 0 || _total[d] < _total[end])) end = d;
        if (end < 0) return null;
        var days = new int[visits];
        for (var i = visits - 1; i >= 0; i--)
        {
            days[i] = end;
            end = _from[end];
        }
        return days;
    }

    public override bool Allows(IReadOnlyList<int> days)
    {
        if (days.Count < 1 || days.Count > Visits) return false;
        for (var i = 0; i < days.Count; i++)
        {
            var (first, last) = Slice(i, days.Count);
            if (days[i] < first || days[i] > last || !_allowed[days[i]]) return false;
            if (i > 0 && days[i] - days[i - 1] < MinGap) return false;
        }
        return true;
    }

    public override long Shortfall(int[] days) => (Visits - days.Length) * MissedVisitPenalty;
}
