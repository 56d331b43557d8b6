namespace Territories.Domain.Quotas;

/// <summary>
/// Splits a whole into parts in proportion to weights, exactly: every part a multiple of the rounding unit where the
/// whole allows, the units left over going to the parts with the largest remainders, and any remainder of the whole
/// that is not a multiple of the unit (in cents) to a single part. The parts always add up to the whole.
/// </summary>
public static class LargestRemainder
{
    public const decimal Cent = 0.01m;

    public static decimal[] Split(decimal whole, IReadOnlyList<double> weights, decimal unit)
    {
        if (unit <= 0) throw new ArgumentOutOfRangeException(nameof(unit), "the rounding unit must be positive");
        var parts = new decimal[weights.Count];
        if (parts.Length == 0 || whole == 0) return parts;
        var total = weights.Sum();
        if (total <= 0) throw new ArgumentException("at least one weight must be positive to receive a non-zero whole", nameof(weights));
        var sign = Math.Sign(whole);
        var magnitude = Math.Abs(whole);
        var units = Math.Floor(magnitude / unit);
        var rest = magnitude - units * unit; // below one unit: goes to one part
        var decimalTotal = weights.Sum(w => (decimal)w);
        var ideal = weights.Select(w => (decimal)w / decimalTotal * units).ToArray();
        var floors = ideal.Select(Math.Floor).ToArray();
        var leftover = (int)Math.Max(0, units - floors.Sum());
        var byRemainder = Enumerable.Range(0, parts.Length).Where(i => weights[i] > 0)
            .OrderByDescending(i => ideal[i] - floors[i]).ThenByDescending(i => weights[i]).ThenBy(i => i).ToList();
        foreach (var i in byRemainder.Take(leftover)) floors[i]++;
        for (var i = 0; i < parts.Length; i++) parts[i] = floors[i] * unit;
        if (rest > 0) parts[byRemainder[0]] += rest;
        return parts.Select(p => sign * p).ToArray();
    }
}
