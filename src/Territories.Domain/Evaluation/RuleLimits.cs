namespace Territories.Domain.Evaluation;

/// <summary>Limits derived from the options, shared by the evaluator and the solver so both read a rule the same way.</summary>
public static class RuleLimits
{
    /// <summary>The most accounts that may move: floor(maxMovedShare * accounts whose current rep is in the problem).</summary>
    public static int MovedLimit(double maxMovedShare, int accountsWithCurrentRep) =>
        (int)Math.Floor(maxMovedShare * accountsWithCurrentRep + 1e-9);
}
