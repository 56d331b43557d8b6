namespace Territories.Planning.AccountAssignment;

/// <summary>
/// How long a construction may run: its repair (until every hard rule holds) and its polish (the relocate search after).
/// The repair may get longer than the polish: a plan that meets every rule is worth more than any polish.
/// </summary>
internal readonly record struct ConstructionBudget(CancellationToken Repair, CancellationToken Polish)
{
    public static ConstructionBudget Unlimited => new(CancellationToken.None, CancellationToken.None);
}
