namespace Territories.Planning.AccountAssignment;

/// <summary>
/// A neighbourhood of accounts rather than of reps, for books where the move cap binds: a random sample of the accounts
/// the best plan places elsewhere than the LP relaxation does (the accounts it splits among them), with a quarter as many
/// of the plan's moved accounts, so that a move can pass from one account to another under the cap; each free among all
/// its candidates, every other account fixed. It is the model LP-and-fix from the best plan solves once
/// (<see cref="Attempt"/>), in smaller pieces and again and again from the best plan as it stands, as CP-SAT's RINS
/// neighbourhoods do with its own LP. Its size grows while CP-SAT proves it optimal and shrinks when it cannot.
/// Measured with it on every second try of each lane (`territories solve`, 60 s, quiet, tuning books, one run without
/// then one with, twice): midwest-1000-s2602 2.48717, 2.48864 without, 2.48708, 2.48808 with; west-1000-s2303 2.18089,
/// 2.18026 against 2.18081, 2.18051; northeast-1000-s1905 1.94824, 1.94904 against 1.94818, 1.94830;
/// northeast-1000-s2805 3.46511, 3.46643 against 3.46364, 3.46584. In the second run on each book 30 of its 116 tries found
/// a better plan (of 80-120 accounts 19 of 59, of 180 or more 2 of 23), the rep neighbourhoods 35 of 107.
/// </summary>
internal sealed class LpDisagreementNeighbourhood(AssignmentData data, int[] lpIntegral)
{
    private const int FirstSize = 120;
    private const int SizeStep = 20;
    private const int SmallestSize = 40;

    /// <summary>How many accounts where the plan and the LP disagree the next neighbourhood frees.</summary>
    public int Size { get; private set; } = FirstSize;

    /// <summary>
    /// The neighbourhood where the move cap binds and the LP covers every account and settles the balance term
    /// (<see cref="LpResult.SettlesTheBalanceTerm"/>); else null. Where the LP balances the reps inside the band, the search
    /// works under a narrower band and the plan's balance differs from the LP's by design, and this neighbourhood then
    /// found little: south-4000-s1 (tuning), 60 s, 0.158%, 0.158%, 0.165% to the bound with it on every second try,
    /// 0.128%, 0.130% without (7 better plans in 38 tries where without it 19 in 49).
    /// </summary>
    public static LpDisagreementNeighbourhood? For(AssignmentData data, LpResult? lp) =>
        data.MoveCap.Binds && lp is { } relaxation && relaxation.Integral.Length == data.AccountCount && relaxation.SettlesTheBalanceTerm(data)
            ? new(data, relaxation.Integral)
            : null;

    /// <summary>Per account the rep it keeps from <paramref name="repOf"/>, or -1 for the accounts this neighbourhood frees.</summary>
    public int[] FixedRepOf(int[] repOf, Random random)
    {
        var fixedRepOf = repOf.ToArray();
        var disagree = Enumerable.Range(0, repOf.Length).Where(a => lpIntegral[a] != repOf[a]);
        var moved = Enumerable.Range(0, repOf.Length).Where(a => data.CountsAsMove(a, repOf[a]));
        foreach (var a in Sample(disagree, Size, random).Concat(Sample(moved, Size / 4, random))) fixedRepOf[a] = -1;
        return fixedRepOf;
    }

    /// <summary>Grows the next neighbourhood after one CP-SAT proved optimal, shrinks it after one it could not.</summary>
    public void Learn(bool proven) => Size = proven ? Size + SizeStep : Math.Max(SmallestSize, Size - SizeStep);

    private static IEnumerable<int> Sample(IEnumerable<int> accounts, int count, Random random) =>
        accounts.OrderBy(_ => random.Next()).Take(count);
}
