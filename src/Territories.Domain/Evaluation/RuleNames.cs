namespace Territories.Domain.Evaluation;

/// <summary>The hard rules, by the names the evaluator, the solver's model builder and the diagnostics share.</summary>
public static class RuleNames
{
    public const string EachAccountOnce = "each-account-once";
    public const string Skills = "skills";
    public const string Capacity = "capacity";
    public const string MaxAccounts = "max-accounts";
    public const string Lock = "lock";
    public const string PairsOnly = "pairs-only";
    public const string Balance = "balance";
    public const string MaxMovedShare = "max-moved-share";
    public const string UnitTogether = "unit-together";
    public const string Contiguity = "contiguity";
    public const string MoveWithin = "move-within";
}

/// <summary>A broken hard rule, with the accounts and reps that break it.</summary>
public sealed record RuleViolation(string Rule, string Message, IReadOnlyList<string> AccountIds, IReadOnlyList<string> RepIds);
