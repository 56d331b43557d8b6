using System.Text.Json.Serialization;
using Territories.Domain.Model;

namespace Territories.Domain.Plans;

/// <summary>A finding about a problem or plan, in user terms, with the ids involved.</summary>
/// <param name="Code">A stable code (see <see cref="DiagnosticCodes"/>).</param>
public sealed record Diagnostic(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AccountId>? AccountIds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RepId>? RepIds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Skills = null);

/// <summary>Diagnostic codes; the rule names are shared by the evaluator, the solver and the diagnostics.</summary>
public static class DiagnosticCodes
{
    public const string NoEligibleRep = "no-eligible-rep";
    public const string SkillCapacity = "skill-capacity";
    public const string LockedOverCapacity = "locked-over-capacity";
    public const string LockedOverMaxAccounts = "locked-over-max-accounts";
    public const string MaxAccountsTooFew = "max-accounts-too-few";
    public const string MovedShareTooTight = "max-moved-share-too-tight";
    public const string BalanceImpossible = "balance-impossible";
    public const string ConflictingRules = "conflicting-rules";
    public const string Orphaned = "orphaned";
    public const string TravelLeftOut = "travel-left-out";
    public const string Pruned = "candidates-pruned";
    public const string TimeLimit = "time-limit";
    public const string UnitWithoutRep = "unit-without-rep";
    public const string UnitsDisconnected = "units-disconnected";
    public const string UnitTooLarge = "unit-too-large";
    public const string ContiguityConflict = "contiguity-conflict";
}
