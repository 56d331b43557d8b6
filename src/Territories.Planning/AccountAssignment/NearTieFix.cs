namespace Territories.Planning.AccountAssignment;

/// <summary>
/// LP-and-fix on books whose widening frees more accounts than one model over all their candidates decides in its time
/// (10,000 accounts and more): one CP-SAT model from the best plan in which only the accounts the LP is nearly indifferent
/// about are free, each among the reps the LP prices near its cheapest. An account is free when the LP lists a second
/// rep near its cheapest (<see cref="LpResult.NearCheapest"/>) or when the plan and the LP disagree on it; it may go to
/// the reps within <see cref="RepsWithin"/> of its cheapest, or stay where the plan has it. Every other account stays.
/// Measured on the western 20,000 x 200 tuning book (w3) at 60 s, where the plan ended 1.22-1.30% above the LP's bound
/// with the widening decided region by region: 1.11-1.28% over six runs (1.08% at 120 s), and better on five of the
/// other seven 10,000 and 20,000-account tuning books (the same on two; figures in the README). Single runs on w3:
/// freeing only the accounts near a tie but letting them go to every candidate, in regions, 1.23-1.32%; allowing reps up
/// to the listing window (twice as far), 1.41% (32,000 booleans, slower to its first improvements); the listing window
/// itself at half width, 1.23%.
/// </summary>
/// <param name="FixedRepOf">The rep each account keeps, or -1 for an account the model decides.</param>
/// <param name="Allowed">The reps each free account may go to (its rep in the plan among them); empty for a fixed one.</param>
internal sealed record NearTieFix(int[] FixedRepOf, IReadOnlyList<IReadOnlySet<int>> Allowed)
{
    /// <summary>How far above its cheapest reduced cost a free account may go, in average accounts' shares of the LP's value.</summary>
    public const double RepsWithin = LpRelaxation.NearCheapestWindow / 2;

    /// <summary>
    /// True on a book with geography whose widening (<see cref="Attempt"/>'s LP-and-fix from the best plan) frees more
    /// accounts than this: the 4,000 x 45 books free about 600 and one model over all their candidates decides them well
    /// (0.2-0.6% above the bound); 10,000 x 112 books free about 1,250 and 20,000 x 200 ones about 3,000, where that model
    /// found nothing but its hint in 5 s. The GAP books (no geography), whose widening on 1,600 jobs may free as many, keep
    /// the single model they were measured with.
    /// </summary>
    public static bool Applies(AssignmentData data, int widened) => data.Problem.HasGeography && widened > AppliesFrom;

    private const int AppliesFrom = 1000;

    public static NearTieFix From(LpResult lp, int[] plan)
    {
        var fixedRepOf = new int[plan.Length];
        var allowed = new IReadOnlySet<int>[plan.Length];
        for (var a = 0; a < plan.Length; a++)
        {
            var near = lp.NearCheapest[a];
            var free = near.Length >= 2 || lp.Integral[a] != plan[a];
            fixedRepOf[a] = free ? -1 : plan[a];
            allowed[a] = free ? near.Where(e => e.Above <= RepsWithin).Select(e => e.Rep).Append(plan[a]).ToHashSet() : new HashSet<int>();
        }
        return new NearTieFix(fixedRepOf, allowed);
    }

    public int FreeCount => FixedRepOf.Count(r => r < 0);

    /// <summary>Every pair a free account may take: the model's candidates must hold them.</summary>
    public IEnumerable<(int Account, int Rep)> Pairs => Allowed.SelectMany((reps, a) => reps.Select(r => (a, r)));
}
