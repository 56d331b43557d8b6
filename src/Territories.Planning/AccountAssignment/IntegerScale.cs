namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The one place where real numbers become CP-SAT integers: a power of ten that makes every value of a kind integral
/// when one up to <c>10^maxDigits</c> does (then <see cref="Exact"/>), else <c>10^maxDigits</c> with rounding.
/// </summary>
internal sealed record IntegerScale(double Factor, bool Exact)
{
    public static IntegerScale For(IEnumerable<double> values, int maxDigits)
    {
        var list = values as IReadOnlyCollection<double> ?? values.ToList();
        for (var digits = 0; digits <= maxDigits; digits++)
        {
            var factor = Math.Pow(10, digits);
            if (list.All(v => IsIntegral(v * factor))) return new IntegerScale(factor, true);
        }
        return new IntegerScale(Math.Pow(10, maxDigits), false);
    }

    public long Round(double value) => (long)Math.Round(value * Factor);

    /// <summary>Rounded up: a workload never looks smaller to the solver than it is.</summary>
    public long Up(double value) => Exact ? Round(value) : (long)Math.Ceiling(value * Factor - 1e-9);

    /// <summary>Rounded down: a capacity never looks larger to the solver than it is.</summary>
    public long Down(double value) => (long)Math.Floor(value * Factor + 1e-6);

    private static bool IsIntegral(double v) => Math.Abs(v - Math.Round(v)) <= 1e-9 * Math.Max(1, Math.Abs(v)) && Math.Abs(v) < 1e15;
}
