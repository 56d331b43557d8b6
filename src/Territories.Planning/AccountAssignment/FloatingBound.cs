namespace Territories.Planning.AccountAssignment;

/// <summary>
/// A lower bound read from GLOP's floating-point values (the LP relaxation's, the column-generation master's) is lowered
/// by a ten-millionth of itself (at least that much absolute) before it is reported, so the solver's rounding error never
/// lifts it above the true optimum.
/// </summary>
internal static class FloatingBound
{
    public static double Safe(double bound) => bound - 1e-7 * Math.Max(1, Math.Abs(bound));
}
