namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The LP rounded under balance bands narrowed toward the LP's own largest deviation from fair share. The construction,
/// the repair and the swap search keep the band as a hard rule but do not see the balance weight's term (the largest
/// deviation), which only CP-SAT's models price; and a neighbourhood model cannot lower the largest deviation unless
/// every rep at it is free. So where the LP balances the reps closer than the band asks, the rounding's plan kept its
/// reps anywhere inside the band and the search after it seldom brought them closer: on the 4,000 x 45 midwest tuning
/// book (seed 2; the LP balances every rep to its share exactly) the plan ended at 2.8% deviation, 0.84% above the bound
/// at 60 s. Rounded again within 0.2 and 0.4 points of fair share, then searched as before: 0.4% deviation, 0.25% above it.
/// Each narrower band is a copy of the data (<see cref="AssignmentData.WithBand"/>); the plans it gives keep the real
/// band too and go to the incumbent, which scores them with the balance term.
/// </summary>
internal static class BalanceTightening
{
    /// <summary>
    /// How far beyond the LP's largest deviation each narrower band reaches: whole accounts cannot balance as finely as
    /// the LP's shares, and which margin pays best differs by book (0.2 and 0.8 points on the formerly held-back
    /// plains-1000-s104, 0.4 on the midwest book above), so a ladder of them is tried: the middle ones first, then the
    /// loose ones (cheap to repair, seldom best), then the tightest (their repairs take longest: on plains-1000-s104
    /// 0.56 s at 0.05 points against 0.03 s at 0.4), within the step's share of the time.
    /// </summary>
    private static readonly double[] Margins = [0.002, 0.004, 0.008, 0.001, 0.016, 0.032, 0.0005];

    /// <summary>
    /// How far beyond the LP's largest deviation the band reaches for the search after the LP (<see cref="ForSearch"/>),
    /// unless <see cref="WiderSearchMargin"/> applies.
    /// </summary>
    private const double SearchMargin = 0.005;

    /// <summary>
    /// The margin where the LP is nearly indifferent between balance and its other terms half a point beyond its own
    /// deviation (<see cref="WiderFrom"/> or more): there whole accounts buy their travel back with more deviation than
    /// the LP's shares need. On west-1000-s1303 (worth 0.98) plain CP-SAT's plan ended at 0.97 points, level with the
    /// engine's at 0.42 within half a point. `territories solve`, 60 s, 1,000 x 20 books, half a point then one point
    /// (worth in brackets): west-1000-s1303 (0.98) 2.09489 and 2.09427 then 2.09375; midwest-1000-s16 (0.97) 1.99889 and
    /// 1.99977 then 1.99856; south-1000-s15 (0.96) 1.65727 then 1.65660; west-1000-s8 (0.99) 1.93606 then 1.93509;
    /// midwest-1000-s2 (0.99) 1.86162 then 1.85865; but worse on midwest-1000-s7 (0.79; the book the half point was
    /// chosen on) 1.97308 and 1.97303 then 1.97446, and south-1000-s11 (0.39) 1.67281 and 1.67184 then 1.67425; level on
    /// northeast-1000-s805 (0.75) 1.49409 and 1.49309 then 1.49391.
    /// </summary>
    private const double WiderSearchMargin = 0.01;

    /// <summary>
    /// The <see cref="LpResult.DeviationWorth"/> from which the search gets <see cref="WiderSearchMargin"/>, on books whose
    /// LP balances every rep exactly (its deviation at most <see cref="ExactlyBalanced"/>). Where the LP's deviation lies
    /// inside the band but above 0 the LP sits at its own trade-off between balance and the rest, so the worth there is
    /// near 1 whatever the book, and says nothing: on plains-1000-s1404 (deviation 7.25 points, worth 0.955) one point gave
    /// 2.02365 and half a point 2.02078 (`territories solve`, 60 s, one run each), on the tuning books with the deviation
    /// inside the band (s2, s8, s1) one point was better by 0.15% and 0.05% and level; those books keep half a point.
    /// </summary>
    private const double WiderFrom = 0.9;

    /// <summary>The largest LP deviation read as every rep exactly at its fair share (the LP's own rounding noise).</summary>
    private const double ExactlyBalanced = 1e-9;

    /// <summary>
    /// True when the balance weight prices the largest deviation of a metric whose total is fixed and the LP's largest
    /// deviation sits inside the band by more than the smallest margin: there a narrower band is a different plan.
    /// </summary>
    public static bool Applies(AssignmentData data, LpResult lp) => LpInsideTheBandBy(data, lp, Margins.Min());

    /// <summary>
    /// The data the search after the LP works on: where the LP balances the reps closer than the band by more than
    /// <see cref="SearchMargin"/> (or <see cref="WiderSearchMargin"/>, where the LP balances every rep exactly and a looser
    /// balance is worth nearly its weight to it), the band narrowed to the LP's largest deviation plus that margin; else the data as it is.
    /// The ladder below picks its plan by the total at rounding time, before any search, when a narrower band's plan still
    /// carries most of its rounding's extra travel; CP-SAT's whole model, hinted with it, stays at that deviation, and no
    /// neighbourhood can lower it unless every rep at it is free. On midwest-1000-s7 (the LP balances every rep exactly)
    /// the ladder kept its plan within 1.6 points, the search ended at 1.49 points and 1.97543; with the band at 0.5
    /// points, 0.45 points and 1.97317. Books whose LP sits at the band's edge keep their band, and so does a search that
    /// has no plan yet: its time goes to finding one under the problem's own band (the LP's rounding within it is often
    /// the first plan on large books).
    /// </summary>
    public static AssignmentData ForSearch(AssignmentData data, LpResult lp, bool havePlan)
    {
        var margin = lp.Deviation <= ExactlyBalanced && lp.DeviationWorth >= WiderFrom ? WiderSearchMargin : SearchMargin;
        return havePlan && LpInsideTheBandBy(data, lp, margin) ? data.WithBand(data.Band!.Narrowed(lp.Deviation!.Value + margin)) : data;
    }

    /// <summary>True when the balance weight prices the largest deviation of a fixed total and the LP's lies inside the band by more than <paramref name="margin"/>.</summary>
    private static bool LpInsideTheBandBy(AssignmentData data, LpResult lp, double margin) =>
        data.HasLinearBalanceTerm && data.Band is { FixedTotal: true } band && lp.Deviation is { } deviation
        && deviation + margin < band.Tolerance;

    /// <summary>Each narrower band's target deviation and the LP's rounding within it, until the token is cancelled.</summary>
    public static IEnumerable<(double Target, AssignmentState Plan)> Round(AssignmentData data, LpResult lp, CancellationToken cancel)
    {
        if (!Applies(data, lp)) yield break;
        var band = data.Band!;
        var budget = new ConstructionBudget(cancel, cancel);
        foreach (var target in Margins.Select(m => lp.Deviation!.Value + m).Where(t => t < band.Tolerance))
        {
            var plan = LpRounding.Build(data.WithBand(band.Narrowed(target)), lp.Preferred, budget, lp.ReducedCost);
            if (cancel.IsCancellationRequested) yield break;
            yield return (target, plan);
        }
    }
}
