namespace Territories.Planning.AccountAssignment;

/// <summary>
/// HiGHS on the whole model (<see cref="LpRelaxation.WholeMip"/>), on one thread beside the engine's own steps, from the
/// LP's end for <see cref="TimeShare"/> of the time left. Every plan it improves to is offered to the incumbent (which
/// re-checks it with the evaluator), where the steps after it take it up: LP-and-fix from the best plan and the
/// neighbourhoods start from HiGHS's plan whenever it is the better one.
/// Why: on the 1,000-account books where the engine's 60 s plans spread most (the LP at the band's edge, the move cap
/// spent), HiGHS's branch-and-cut with its sub-MIP heuristics alone, one thread, reached 1.96945 at 8 s and 1.96866 at
/// 60 s on midwest-1000-s4802, where the engine's best at 8 s was 1.9731 and its 60 s plans spread from 1.96799 to
/// 1.97022 (plain CP-SAT on two workers: 1.96885-1.96925). SCIP, the same way, reached 1.96988.
/// </summary>
internal static class WholeMipLane
{
    /// <summary>
    /// The share of the time left (at the LP's end) HiGHS gets. Half: on six tuning books with the whole run instead,
    /// the engine's own steps, sharing the two cores with HiGHS to the end, ended worse on two and level on four.
    /// </summary>
    public const double TimeShare = 0.5;

    /// <summary>The most eligible pairs the lane runs on: the largest whole model it was measured on has 14,682.</summary>
    public const int MostPairs = 20_000;

    /// <summary>
    /// Where every eligible pair is a candidate and there are at most <see cref="MostPairs"/>, the MIP's objective is the
    /// plan's (a linear balance term, or none), and the neighbourhood search runs in lanes (a binding move cap, two
    /// workers or more, a wall-clock limit: a deterministic run stays reproducible), on a machine where HiGHS loads.
    /// </summary>
    public static bool Applies(AssignmentData data, SolveSettings settings) =>
        data.CandidateLimit is null && data.PairCount <= MostPairs && (data.Weights.Balance == 0 || data.HasLinearBalanceTerm)
        && NeighbourhoodSearch.Lanes(data, settings) >= 2 && HighsMip.IsAvailable;

    /// <summary>
    /// Starts HiGHS on the whole model of <paramref name="data"/>; it stops after <paramref name="time"/> or when cancelled.
    /// A lane that cannot run (no room for the model's file in the temporary folder, a model HiGHS refuses) says why in its
    /// outcome and the steps go on without it: it only ever adds plans.
    /// </summary>
    public static Task<HighsOutcome> Start(AssignmentData data, Incumbent incumbent, TimeSpan time, CancellationToken cancel) =>
        Task.Run(() =>
        {
            var (mps, columns) = LpRelaxation.WholeMip(data);
            var names = Enumerable.Range(0, columns.Count).Select(LpRelaxation.ColumnName).ToArray();
            try
            {
                return HighsMip.Run(mps, names, time, values =>
                {
                    if (PlanOf(data, columns, values) is { } plan) incumbent.Offer(plan, "highs");
                }, cancel);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                return new HighsOutcome("not run: " + e.Message, null, 0);
            }
        }, CancellationToken.None);

    /// <summary>Each account's rep in a MIP solution (a column at 1), or null where some account has none.</summary>
    public static int[]? PlanOf(AssignmentData data, IReadOnlyList<(int Account, int Rep)> columns, double[] values)
    {
        var plan = Enumerable.Repeat(-1, data.AccountCount).ToArray();
        for (var i = 0; i < columns.Count; i++)
            if (values[i] > 0.5) plan[columns[i].Account] = columns[i].Rep;
        return plan.All(r => r >= 0) ? plan : null;
    }
}
