using Google.OrTools.Sat;
using Territories.Planning.Rules;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// One pass over one candidate set: construction, LP relaxation and rounding, LP-and-fix (CP-SAT decides the accounts
/// the LP splits, the rest stay where the LP puts them), CP-SAT on the whole model, then the neighbourhood search.
/// Every plan any step finds is offered to the incumbent, so a plan that meets every hard rule is never lost; while
/// there is none, the time goes to steps that find one (wider LP-and-fix, then the whole model) before any proof.
/// Where the LP balances the reps well inside the balance band, every step after it works within a narrower band
/// (<see cref="BalanceTightening.ForSearch"/>). On small books with a binding move cap, HiGHS works on the whole model
/// beside the steps after the LP (<see cref="WholeMipLane"/>), and the steps take up its plans through the incumbent.
/// </summary>
internal sealed class Attempt(AssignmentData candidates, Incumbent incumbent, SolveClock clock, SolveSettings settings, TextWriter? log, CancellationToken cancel)
{
    /// <summary>
    /// The LP gets at most this share of the time left, with a plan or without: its rounding and LP-and-fix are where the
    /// realistic books' plans come from. With 30% once the construction had a plan, the LP of a 10,000 x 112 book did not
    /// finish under load (load average ~20), and the plan stayed 12-20% above the bound where LP-and-fix reached 2%.
    /// </summary>
    private const double LpTimeShare = 0.6;

    /// <summary>A construction (greedy or LP rounding, with its repair and polish) stops after this share of the time left, at least a second.</summary>
    private const double ConstructionTimeShare = 0.1;

    /// <summary>
    /// While no plan meets every hard rule, the repair of today's plan may go on for this share of the time left: that
    /// plan starts near every rule, so the time goes to finishing it before anything else. With the construction's own
    /// share, a 20,000 x 200 book under load (load average 14) ended its repair 0.0003 short of the band, the LP did not
    /// finish, and the run returned no plan at 30 s. The greedy from scratch keeps the construction's share: on tight GAP
    /// books (Yagiura C and E) its repair does not reach a plan, and the LP's rounding needs the time.
    /// </summary>
    private const double RepairOfTodayWithoutPlanTimeShare = 0.4;

    /// <summary>LP-and-fix gets at most this share of the time left; it usually proves its small model optimal well before.</summary>
    private const double LpAndFixTimeShare = 0.2;

    /// <summary>
    /// Where the move cap binds, LP-and-fix from the best plan (every account free where the plan and the LP differ, about
    /// 300 on a 1,000-account book) gets this share of the time left instead: it went on finding better plans to the end of
    /// its 11 s, where the whole model hinted with its plan found none in 9-14 s, and which accounts spend the cap is
    /// decided there. `territories solve`, 60 s, northeast-1000-s1505 (tuning; plain CP-SAT 2.1378-2.1400): 2.1412,
    /// 2.1392, 2.1382, 2.1425 with a fifth, 2.1380, 2.1376 with half; west-1000-s1803 2.1505-2.1523, then 2.1498, 2.1499.
    /// Since the lanes run before it (<see cref="NeighbourhoodsFirst"/>) and beside and after the whole model, 0.35
    /// of the time left is better than half (stop 54; 25 s of a 60 s run at half, 17-18 s now): with half, the lanes after
    /// the whole model still found a better plan in 2-13 of their 29-40 tries.
    /// `territories solve`, 60 s, quiet, nine tuning books, each run with half then with 0.35, twice (18 pairs,
    /// 2026-12-06 23:38 to 12-07 00:16 UTC): better on 13, worse on 5, by 0.010% on average (west-1000-s3603 1.94131 and 1.94120
    /// against 1.94125 and 1.94112; northeast-1000-s3605 2.12139 and 2.12002 against 2.12097 and 2.12000; west-1000-s2303
    /// 2.18081 and 2.18268 against 2.18071 and 2.18012; worst pair northeast-1000-s2505, 1.94424 against 1.94510).
    /// Three quarters instead ended worse on all four books it ran on (west-1000-s3603 1.94155 against 1.94110): the
    /// model stalled for its last 20 s on one of them, and the whole model's 4 s then proved no bound beyond the LP's.
    /// </summary>
    private const double LpAndFixFromThePlanUnderMoveCapTimeShare = 0.35;

    /// <summary>CP-SAT on the whole candidate set gets this share of what is left (for its proof); the neighbourhood search the rest.</summary>
    private const double FullModelTimeShare = 0.3;

    /// <summary>With a deterministic limit, the neighbourhood search tries this many neighbourhoods, so runs are reproducible.</summary>
    private const int DeterministicNeighbourhoods = 30;

    public sealed record Result(CpSolverStatus Status, LpResult? Lp, CpSatOutcome? CpSat, bool CpBoundIsGlobal, double ModelSlack);

    private AssignmentData data = candidates;

    /// <summary>
    /// What the LP's reduced costs and the column-generation master's prices say about each pair (<see cref="PairBounds"/>),
    /// once the dives have solved the master's root; null before (and on every book the dives do not apply to). The
    /// CP-SAT models after the dives then leave out the pairs no better plan can use.
    /// </summary>
    private PairBounds? pairBounds;

    /// <summary>The band of the problem when the search after the LP works under a narrower one (<see cref="BalanceTightening.ForSearch"/>); else null.</summary>
    private BalanceBand? problemBand;

    public Result Run()
    {
        // The construction and the LP stop at the time limit too, not only CP-SAT.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(clock.Remaining);
        try
        {
            return Run(deadline.Token);
        }
        finally
        {
            // HiGHS beside the steps ends with the attempt at the latest.
            deadline.Cancel();
            if (mipLane?.GetAwaiter().GetResult() is { } highs)
                Trace($"highs beside the steps status={highs.Status} objective={highs.Objective:0.######} improving plans={highs.Improving}");
        }
    }

    /// <summary>HiGHS on the whole model beside the steps after the LP (<see cref="WholeMipLane"/>); null where it does not run.</summary>
    private Task<HighsOutcome>? mipLane;

    private Result Run(CancellationToken cancel)
    {
        Trace($"attempt k={data.CandidateLimit} pairs={data.PairCount}");
        // The current plan, when it already meets every rule, is a plan: the search never returns anything worse.
        if (data.Current.All(r => r >= 0)) incumbent.Offer(data.Current, "current-plan");
        var candidatesForLp = data;
        var alongside = LpAlongsideConstruction() ? Task.Run(() => LpRelaxation.Solve(candidatesForLp, LpTime(), cancel), CancellationToken.None) : null;
        var first = FirstConstruction(cancel);
        var hint = first.RepOfAll();
        var lp = alongside is not null ? alongside.GetAwaiter().GetResult()
            : cancel.IsCancellationRequested ? null : LpRelaxation.Solve(data, LpTime(), cancel);
        Trace($"lp bound={lp?.Bound} deviation={lp?.Deviation} deviation worth={lp?.DeviationWorth:0.###} columns={lp?.Columns.Count} rounds={lp?.PricingRounds} split={lp?.FractionalCount}");
        if (lp is { IsInfeasible: true } && incumbent.Evaluation is null)
            return new Result(CpSolverStatus.Infeasible, null, null, false, 0);
        if (lp is not null) incumbent.ImproveBound(lp.Bound, "lp-relaxation");
        if (lp is not null && !cancel.IsCancellationRequested)
        {
            // The pairs the LP priced in are where the optimum lives: let the rest of the search use them.
            data = data.WithPairs(lp.Columns);
            if (WholeMipLane.Applies(data, settings))
                mipLane = WholeMipLane.Start(data, incumbent, ShareOfRemaining(WholeMipLane.TimeShare), cancel);
            var rounded = Round(lp, cancel);
            if (incumbent.Offer(rounded.RepOfAll(), "lp-rounding") || first.Violation() > 0) hint = rounded.RepOfAll();
            NarrowTheBandForTheSearch(lp);
            RoundUnderNarrowerBands(lp, cancel);
            LpAndFix(lp, cancel);
        }
        if (lp is not null && ColumnGenerationDive.Applies(data) && !cancel.IsCancellationRequested && DiveThroughColumns(lp, cancel))
            return new Result(CpSolverStatus.Optimal, lp, null, false, 0);
        if (EjectionChainSearch.Applies(data) && !cancel.IsCancellationRequested)
            Trace($"ejection chains {string.Join("; ", EjectionChainSearch.Run(data, hint, incumbent, clock, settings, cancel))}");
        if (BestCandidatePlan() is { } best) hint = best;
        if (cancel.IsCancellationRequested || clock.Remaining <= TimeSpan.Zero)
            return new Result(CpSolverStatus.Unknown, lp, null, false, 0);
        if (!WholeModelHelps())
        {
            Neighbourhoods(lp, cancel);
            return new Result(CpSolverStatus.Feasible, lp, null, false, 0);
        }

        if (WholeModel(hint, lp, cancel) is not { } whole) return new Result(CpSolverStatus.Unknown, lp, null, false, 0);
        if (whole.Outcome.Status is CpSolverStatus.Optimal or CpSolverStatus.Infeasible && problemBand is not null)
        {
            RestoreTheProblemsBand("the whole model again under the problem's band: optimal or infeasible under the narrower one only");
            whole = WholeModel(BestCandidatePlan() ?? hint, lp, cancel) ?? whole with { Outcome = whole.Outcome with { Status = CpSolverStatus.Unknown }, Global = false };
        }
        if (whole.Outcome.Status is CpSolverStatus.Feasible or CpSolverStatus.Unknown && incumbent.Evaluation is not null) Neighbourhoods(lp, cancel);
        return new Result(whole.Outcome.Status, lp, whole.Outcome, whole.Global, whole.Model.ModelSlack);
    }

    private sealed record WholeModelRun(CpSatModel Model, CpSatOutcome Outcome, bool Global);

    /// <summary>
    /// CP-SAT on the whole candidate set, hinted, for its share of the time left; its bound goes to the incumbent when it
    /// is the problem's (every eligible pair a candidate, the objective exact, the problem's band). Null when cancelled.
    /// </summary>
    private WholeModelRun? WholeModel(int[] hint, LpResult? lp, CancellationToken cancel)
    {
        var allowed = pairBounds?.RepsThatMayImprove(data, incumbent, hint);
        if (allowed is not null) Trace($"cp pairs that may improve {PairBounds.Count(allowed)} of {data.PairCount}");
        var scope = allowed is null ? null : ModelScope.Everything(data, allowed);
        if (Build(() => new CpSatModel(data, switchableRules: false, ReferenceTotal(hint), scope, cancel: cancel)) is not { } model) return null;
        model.AddHint(hint);
        var time = ShareOfRemaining(FullModelShare());
        using var besideEnds = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var beside = NeighbourhoodsBeside(lp, besideEnds.Token);
        var outcome = CpSatRun.Solve(model, settings with { TimeLimit = time, Workers = settings.Workers - (beside is null ? 0 : 1) }, repOf => incumbent.Offer(repOf, "cp-sat"), cancel);
        besideEnds.Cancel();
        if (beside is not null) Trace($"neighbourhoods beside the whole model tried={beside.GetAwaiter().GetResult().Tries}");
        Trace($"cp status={outcome.Status} bound={outcome.Bound} solutions={outcome.Solutions}");
        var global = data.CandidateLimit is null && model.ObjectiveIsExact && problemBand is null;
        if (global && outcome.Bound is { } bound) incumbent.ImproveBound(bound - model.ModelSlack, "cp-sat");
        return new WholeModelRun(model, outcome, global);
    }

    /// <summary>True where the neighbourhood search runs in lanes and the plan keeps the rules the search works under.</summary>
    private bool LanesMayStartFrom(int[]? plan) =>
        NeighbourhoodSearch.Lanes(data, settings) >= 2 && plan is not null && data.IsCandidatePlan(plan) && AssignmentState.Of(data, plan).Violation() <= 0;

    /// <summary>
    /// Where the neighbourhood search runs in lanes (<see cref="NeighbourhoodSearch.Lanes"/>), one lane runs beside CP-SAT on
    /// the whole model, which then has one worker less: hinted with the best plan, its second worker (CP-SAT's own
    /// neighbourhoods) found a better plan in 8 of 37 runs of the four 1,000-account tuning books of stops 48-49 (one
    /// plan each time, in its 9 s), where the lane tries 7-12 neighbourhoods; the bound comes from the first worker
    /// (2.14757 on west-1000-s1803 with two workers and with one). Null where the search does not run in lanes, or the
    /// best plan does not keep the band the search works under.
    /// </summary>
    private Task<NeighbourhoodSearch>? NeighbourhoodsBeside(LpResult? lp, CancellationToken cancel)
    {
        if (!LanesMayStartFrom(incumbent.RepOf)) return null;
        var search = new NeighbourhoodSearch(data, incumbent, settings with { Workers = 1, Seed = settings.Seed + settings.Workers }, lp, pairBounds);
        return Task.Run(() =>
        {
            search.Run(clock, int.MaxValue, cancel);
            return search;
        }, CancellationToken.None);
    }

    /// <summary>
    /// CP-SAT on the whole candidate set is for a plan when there is none, and for a bound when the candidates are every
    /// eligible pair. On a pruned book that has a plan it proves nothing beyond the candidates and, measured on the
    /// realistic books of 10,000 and 20,000 accounts, found no solution in its share (7-10 s, after building a model of
    /// 80,000-160,000 pairs); the neighbourhoods get that time instead.
    /// </summary>
    private bool WholeModelHelps() => incumbent.Evaluation is null || data.CandidateLimit is null;

    /// <summary>
    /// Where the LP balances the reps well inside the band and there is a plan, the search after it works under a narrower
    /// band (see <see cref="BalanceTightening.ForSearch"/>); its plans meet the problem's band too, but CP-SAT's bound then
    /// holds for the narrower band only, so it is not the problem's.
    /// </summary>
    private void NarrowTheBandForTheSearch(LpResult lp)
    {
        var narrowed = BalanceTightening.ForSearch(data, lp, havePlan: incumbent.Evaluation is not null);
        if (ReferenceEquals(narrowed, data)) return;
        problemBand = data.Band;
        data = narrowed;
        Trace($"search band ±{data.Band!.Tolerance:0.####}");
    }

    /// <summary>Back from the narrower band to the problem's, for every step after this one.</summary>
    private void RestoreTheProblemsBand(string why)
    {
        data = data.WithBand(problemBand!);
        problemBand = null;
        Trace(why);
    }

    private void Neighbourhoods(LpResult? lp, CancellationToken cancel)
    {
        // The best plan may be one found before the band was narrowed and lie outside it: the search then keeps the problem's band.
        if (problemBand is not null && incumbent.RepOf is { } best && AssignmentState.Of(data, best).Violation() > 0)
            RestoreTheProblemsBand("neighbourhoods under the problem's band: the best plan lies outside the narrower one");
        var search = new NeighbourhoodSearch(data, incumbent, settings, lp, pairBounds);
        search.Run(clock, settings.DeterministicTime is null ? int.MaxValue : DeterministicNeighbourhoods, cancel);
        Trace($"neighbourhoods tried={search.Tries} improved={search.Improvements}");
    }

    /// <summary>
    /// Without a plan yet, the whole model looks for one with all the time left. Otherwise it gets a share for its proof
    /// and the neighbourhood search the rest (a pruned book with a plan skips it: see <see cref="WholeModelHelps"/>).
    /// Books that keep every eligible pair with a balance weight used to give it all the time: hinted with a plan the
    /// narrower bands had brought near fair share (<see cref="BalanceTightening"/>) it stalled there (midwest-1000-s2: the
    /// ladder's 1.8629 at 0.2 s, 1.8628 at 60 s), where the neighbourhoods lower the linear cost at that deviation. Quality
    /// runner, 60 s, 1,000 x 20 tuning seeds 1-5, all the time then the share: 1.8847, 1.8628, 2.3149, 2.2652, 1.8373
    /// against 1.8820, 1.8616, 2.3141, 2.2656, 1.8373; the 1,200 x 12 sample 0.022% and 0.023% to the bound at 20 s.
    /// Small GAP books (<see cref="EjectionChainSearch.IsSmallBook"/>) gave it all the time the search left too, where on
    /// the 5-agent books it ended where plain CP-SAT does; with the share, the neighbourhoods of all reps but two re-solve
    /// three agents' jobs exactly at a time (<see cref="NeighbourhoodSearch.SmallestSize"/>). `territories solve`, 30 s,
    /// all the time then the share: d05200 12759, 12759, 12755 against 12746, 12747, 12747 (best known 12742); d05100
    /// 6355, 6358 against 6353, 6353 (best known); d10100 6354, 6354 against 6351, 6351; d10200 12450, 12445 against
    /// 12445, 12445; d20100 6190 in all four. Quality runner, 30 s, all 24 Chu-Beasley books: ahead of or tied with both
    /// peers on every one; c10200 and b10200 now end at their optimum without the engine's own proof (CP-SAT's whole model
    /// proved c10200 in its longer time).
    /// </summary>
    private double FullModelShare() => incumbent.Evaluation is null ? 1.0 : FullModelTimeShare;

    /// <summary>
    /// With two workers or more and a wall-clock limit, the LP runs on a second thread while the first construction
    /// builds and repairs (both are single-threaded; neither reads what the other writes). Sequentially, the LP of a
    /// 20,000-account book started only after today's plan's repair had used its 40% of the time, and on a book whose
    /// repair cannot finish within the move cap (held-back west-20000-s103) the LP then did not finish either: no plan.
    /// With one worker or a deterministic limit the steps stay one after the other, so runs are reproducible.
    /// </summary>
    private bool LpAlongsideConstruction() => settings.Workers >= 2 && settings.DeterministicTime is null;

    /// <summary>
    /// The first plan: from today's when most accounts have a current rep, else (or when that breaks a rule) the greedy
    /// from scratch. Both are offered. With a binding move cap the greedy spends the cap before the band is met (no plan
    /// after 1.6 s of repair on a 10,000 x 112 book, where today's plan gave one in 0.8 s); without one it is at most
    /// 1.4% cheaper (4,000 x 45), and the LP's rounding replaces either plan seconds later, so it is skipped then.
    /// </summary>
    private AssignmentState FirstConstruction(CancellationToken cancel)
    {
        if (CurrentPlanConstruction.Applies(data))
        {
            var repairShare = incumbent.Evaluation is null ? RepairOfTodayWithoutPlanTimeShare : ConstructionTimeShare;
            var kept = Construct(budget => CurrentPlanConstruction.Build(data, budget), repairShare, cancel);
            Trace($"from today violation={kept.Violation():0.######} cost={kept.LinearCost:0.####} moved={kept.Moved}");
            incumbent.Offer(kept.RepOfAll(), "construction-from-today");
            if (kept.Violation() <= 0) return kept;
        }
        var greedy = Construct(data.Seed, cancel);
        Trace($"greedy violation={greedy.Violation():0.######} cost={greedy.LinearCost:0.####}");
        incumbent.Offer(greedy.RepOfAll(), "construction");
        return greedy;
    }

    /// <summary>
    /// The LP rounded where it stands and repaired; when that repair does not reach a plan, the greedy construction led by
    /// the LP's preferred reps. Measured on a 20,000 x 200 western book (linear parts of the objective): the greedy alone
    /// (it places accounts in its own order, so capacity runs out before many reach the LP's rep) gave 2.8605 where the
    /// LP's optimum had 2.4536 and the LP rounded where it stands 2.4528, one move over the cap and 0.011 outside the band
    /// before its repair, 2.504 after it.
    /// </summary>
    private AssignmentState Round(LpResult lp, CancellationToken cancel)
    {
        var rounded = Construct(budget => LpRounding.Build(data, lp.Preferred, budget, lp.ReducedCost), ConstructionTimeShare, cancel);
        Trace($"rounded violation={rounded.Violation():0.######} cost={rounded.LinearCost:0.####} moved={rounded.Moved}");
        if (rounded.Violation() <= 0 || cancel.IsCancellationRequested) return rounded;
        var greedy = Construct(lp.Preferred, cancel);
        Trace($"rounded by the greedy violation={greedy.Violation():0.######} cost={greedy.LinearCost:0.####} moved={greedy.Moved}");
        return greedy.Violation() < rounded.Violation() ? greedy : rounded;
    }

    /// <summary>
    /// The LP rounded again under bands narrowed toward its own largest deviation (<see cref="BalanceTightening"/>), each
    /// plan offered: the construction, the repair and the swaps keep the band but do not see the balance weight's term,
    /// which only CP-SAT's models price.
    /// </summary>
    private void RoundUnderNarrowerBands(LpResult lp, CancellationToken cancel)
    {
        using var ladder = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        ladder.CancelAfter(ShareOfRemaining(ConstructionTimeShare));
        foreach (var (target, plan) in BalanceTightening.Round(data, lp, ladder.Token))
        {
            var kept = incumbent.Offer(plan.RepOfAll(), "lp-rounding-narrower-band");
            Trace($"rounded within {target:0.####} violation={plan.Violation():0.######} cost={plan.LinearCost:0.####} kept={kept}");
        }
    }

    /// <summary>The construction from a preferred rep per account, its repair cut short after its share of the time.</summary>
    private AssignmentState Construct(int[]? preferred, CancellationToken cancel) =>
        Construct(budget => GreedyConstruction.Build(data, preferred, budget), ConstructionTimeShare, cancel);

    private AssignmentState Construct(Func<ConstructionBudget, AssignmentState> build, double repairShare, CancellationToken cancel)
    {
        using var polish = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var repair = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        polish.CancelAfter(ShareOfRemaining(ConstructionTimeShare));
        repair.CancelAfter(ShareOfRemaining(repairShare));
        return build(new ConstructionBudget(repair.Token, polish.Token));
    }

    /// <summary>A model, or null when the time ran out while it was being built.</summary>
    private static CpSatModel? Build(Func<CpSatModel> build)
    {
        try
        {
            return build();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private TimeSpan ShareOfRemaining(double share) => TimeSpan.FromSeconds(Math.Max(1, clock.Remaining.TotalSeconds * share));

    /// <summary>
    /// LP-and-fix: the accounts the LP assigns whole stay there, CP-SAT decides the few it splits among all their
    /// eligible reps (with the capacities, band and move budget the fixed ones leave). When that is not proven optimal
    /// (the LP's optimum sits at band edges, where it often has no integer plan: two reps that each need half of one
    /// account; with a plan known, it is given up when it finds none within <see cref="SplitAccountsFirstPlanWithin"/>),
    /// CP-SAT starts again from the best plan known and decides every account where that plan and the LP
    /// differ, plus the cheapest moves of the reps the LP splits accounts with; the plan is then a complete hint that holds
    /// in the model, so CP-SAT can only improve on it. Without a plan yet, the same widening starts from the LP alone.
    /// Measured on the 4,000 x 45 western tuning book: the rounding 0.76% above the bound, 0.55% after the second step.
    /// With a move cap, the second step runs after a proven first one too: that proof holds with every other account where
    /// the LP puts it, and under a binding cap which accounts move is a choice of its own. northeast-1000-s1505 (fresh seed
    /// of stop 45; LP at the band's edge, 190 of 190 moves used): the split accounts' model proven optimal at 3.9 s, the
    /// whole model and the neighbourhoods after it ended at 2.1419-2.1424 (four runs), behind plain CP-SAT's 2.1378 and
    /// 2.1393 (two runs), which moved other accounts; with this step, 2.1386.
    /// When that widening frees more accounts than one model decides in its time (see <see cref="NearTieFix.Applies"/>),
    /// the model from the best plan frees only the accounts the LP is nearly indifferent about instead, and the LP-only
    /// step is skipped.
    /// </summary>
    private void LpAndFix(LpResult lp, CancellationToken cancel)
    {
        if (data.Band is { FixedTotal: false } || lp.Integral.Length != data.AccountCount) return;
        // A split account may go to any eligible rep, not only its nearest: a far rep with room is often what makes it fit.
        var split = Enumerable.Range(0, data.AccountCount).Where(a => lp.Integral[a] < 0);
        data = data.WithPairs(split.SelectMany(a => data.Problem.EligibleRepsOf(a).Select(r => (a, r))).ToList());
        var balanceTerm = !lp.SettlesTheBalanceTerm(data);
        if (BestCandidatePlan() is { } known && NearTieFix.Applies(data, Widened(lp, known).Count(r => r < 0)) && lp.NearCheapest.Count == data.AccountCount)
        {
            NearTies(lp, known, balanceTerm, cancel);
            return;
        }
        var giveUp = BestCandidatePlan() is not null && settings.DeterministicTime is null ? SplitAccountsFirstPlanWithin : (TimeSpan?)null;
        var outcome = SolveScope(lp.Integral, lp.Preferred, balanceTerm, ShareOfRemaining(LpAndFixTimeShare), cancel, giveUp);
        Trace($"lp-and-fix free={lp.FractionalCount} status={outcome?.Status} solutions={outcome?.Solutions}");
        if (outcome is null || (outcome.Status == CpSolverStatus.Optimal && !data.MoveCap.Binds)) return;
        var start = BestCandidatePlan();
        if (start is not null && data.MoveCap.Binds && NeighbourhoodsFirst(lp, start, cancel)) start = BestCandidatePlan();
        var wider = start is null ? WithCheapestMovesFreed(lp.Integral, lp.SplitReps) : Widened(lp, start);
        var share = start is not null && data.MoveCap.Binds ? LpAndFixFromThePlanUnderMoveCapTimeShare : LpAndFixTimeShare;
        outcome = SolveScope(wider, start ?? lp.Preferred, balanceTerm, ShareOfRemaining(share), cancel);
        Trace($"lp-and-fix from {(start is null ? "the lp" : "the incumbent")} free={wider.Count(r => r < 0)} status={outcome?.Status} solutions={outcome?.Solutions}");
    }

    /// <summary>
    /// Where the neighbourhood search runs in lanes (<see cref="NeighbourhoodSearch.Lanes"/>), it runs first for
    /// <see cref="NeighbourhoodsFirstTimeShare"/> of the time left, before LP-and-fix from the best plan, which then starts
    /// from the plan the lanes leave and frees the accounts where that plan and the LP differ. Where that model ends
    /// decides most of a run: on west-1000-s2303 (tuning) it ended at 2.1811-2.1921 in eleven runs of stops 48-49 and the
    /// runs at 2.18069-2.18221 in the same order. False when it did not run: no lanes, or a best plan outside the band
    /// the search works under.
    /// </summary>
    private bool NeighbourhoodsFirst(LpResult lp, int[] best, CancellationToken cancel)
    {
        if (!LanesMayStartFrom(best)) return false;
        using var first = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        first.CancelAfter(ShareOfRemaining(NeighbourhoodsFirstTimeShare));
        var search = new NeighbourhoodSearch(data, incumbent, settings, lp, pairBounds);
        search.Run(clock, int.MaxValue, first.Token);
        Trace($"neighbourhoods before lp-and-fix from the plan tried={search.Tries} improved={search.Improvements}");
        return true;
    }

    /// <summary>
    /// The share of the time left the neighbourhoods get before LP-and-fix from the best plan (<see cref="NeighbourhoodsFirst"/>):
    /// 9-10 s of a 60 s run, 17-21 neighbourhoods. `territories solve`, 60 s, tuning books, two runs with it against the
    /// runs without (lanes already in): west-1000-s2303 2.18050, 2.18012 against 2.18069-2.18147 (the engine's 300 s run
    /// of stop 48 ended at 2.18011); northeast-1000-s2505 1.94452, 1.94392 against 1.94435, 1.94498; west-1000-s1803
    /// 2.14870, 2.14881 against 2.14868-2.14976; northeast-1000-s1905 1.94799, 1.94843 against 1.94862-1.94925;
    /// northeast-1000-s2105 1.65236, 1.65247 against 1.65233-1.65258 (all with half the time left for LP-and-fix from the
    /// plan after it; see <see cref="LpAndFixFromThePlanUnderMoveCapTimeShare"/> for the share it has now).
    /// </summary>
    private const double NeighbourhoodsFirstTimeShare = 0.15;

    /// <summary>
    /// With a plan already known (and a wall-clock limit), LP-and-fix over the split accounts alone is given up when it
    /// has found no plan within this time, and the model from the best plan, which frees those accounts too, gets the
    /// time. Where the LP sits at the band's edges with a binding move cap, that model may have no plan, which CP-SAT then
    /// neither finds nor disproves: on northeast-4000-s1405 (fresh seed of stop 44) it searched 12 s of 60 for nothing.
    /// Where it has one, its first plan came within 0.15-0.22 s on the 4,000-account tuning books (seeds 1-5, 105, 1305).
    /// `territories solve`, 60 s, before then with this: northeast-4000-s1405 1.10% (twice) against 0.75% to the bound
    /// (0.86% with a scratch variant that cut the split model to about 1 s whether it had a plan or not); the tuning
    /// books 0.152, 0.241, 0.310, 0.191, 0.209, 0.117, 0.181% against 0.149, 0.245, 0.310, 0.208, 0.196, 0.120, 0.181%
    /// (none of them given up: within the run-to-run spread).
    /// </summary>
    private static readonly TimeSpan SplitAccountsFirstPlanWithin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The column-generation dives (<see cref="ColumnGenerationDive"/>) within their share of the time left: the root's
    /// bound (global when every eligible pair is a candidate), then dive after dive, CP-SAT sharing the accounts each
    /// leaves among the reps it leaves free, with the fixed columns' accounts constant (<see cref="ResidualTimeShare"/>).
    /// With a deterministic limit the dives may use all the time left, like the LP, so runs stay reproducible, and at most
    /// <see cref="DeterministicDives"/> are tried. The exact cover (<see cref="CoverTheGap"/>) runs beside them; true when
    /// it proved the best plan optimal, and every step after the dives is then skipped.
    /// </summary>
    private bool DiveThroughColumns(LpResult lp, CancellationToken cancel)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var diveTime = ShareOfRemaining(ColumnGenerationDive.TimeShare);
        var divesEnd = clock.ElapsedSeconds + diveTime.TotalSeconds;
        if (settings.DeterministicTime is null) budget.CancelAfter(diveTime);
        var dives = new ColumnGenerationDive(data, lp.AccountDuals, BestCandidatePlan());
        var rooted = dives.SolveRoot(budget.Token);
        if (data.CandidateLimit is null) incumbent.ImproveBound(FloatingBound.Safe(dives.Bound), "column-generation");
        if (rooted) pairBounds = lp.PairBounds is { } fromLp ? fromLp.Tighter(dives.PairBounds()) : dives.PairBounds();
        Trace($"column-generation root bound={dives.Bound} rounds={dives.Rounds} columns={dives.Columns}");
        if (!rooted) return false;
        using var divesGoOn = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
        using var coverGoesOn = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
        var cover = CoverTheGap(dives, TimeSpan.FromSeconds(Math.Max(0, divesEnd - clock.ElapsedSeconds)), divesGoOn, coverGoesOn.Token);
        var most = Math.Min(dives.DiveCount, settings.DeterministicTime is null ? MaxDives : DeterministicDives);
        for (var k = 0; k < most && !divesGoOn.IsCancellationRequested; k++)
        {
            if (dives.Dive(k, out var freeReps, divesGoOn.Token) is not { } fixedRepOf) continue;
            var before = incumbent.Evaluation?.Objective;
            var allowed = fixedRepOf.Select(r => r >= 0 ? new HashSet<int>() : freeReps).ToList();
            var status = fixedRepOf.All(r => r >= 0)
                ? (incumbent.Offer(fixedRepOf, "column-generation") ? "whole" : "whole, not better")
                : SolveScope(ModelScope.Fixing(data, fixedRepOf, allowed), BestCandidatePlan() ?? fixedRepOf, balanceTerm: false,
                    ShareOfRemaining(ResidualTimeShare), divesGoOn.Token, source: "column-generation")?.Status.ToString();
            Trace($"column-generation dive {k} fixed={fixedRepOf.Count(r => r >= 0)} residual={status} best {before} -> {incumbent.Evaluation?.Objective}");
        }
        coverGoesOn.Cancel();
        if (cover.GetAwaiter().GetResult() is not { } result) return false;
        incumbent.ImproveBound(result.Bound, "exact-cover");
        Trace($"exact cover bound={result.Bound} plan={(result.Plan is null ? "none" : "found")} {string.Join("; ", result.Tried)}");
        return IsProvenOptimal();
    }

    /// <summary>
    /// The exact search within the Lagrangian gap (<see cref="CoverWithinTheGap"/>) from the root's prices, within the
    /// dives' time: on its own thread beside them, until they end, when there are two workers or more and a wall-clock
    /// limit (the dives' master and knapsacks keep one core busy; their residual models are small), else before them,
    /// with a node limit under a deterministic one. Once it proves the best plan optimal it stops the dives
    /// (<paramref name="divesGoOn"/>).
    /// Null where it does not apply: no plan to beat yet, a pruned candidate set (its bound would not be the problem's),
    /// or costs that are not whole.
    /// </summary>
    private Task<CoverWithinTheGap.Result?> CoverTheGap(ColumnGenerationDive dives, TimeSpan time, CancellationTokenSource divesGoOn, CancellationToken cancel)
    {
        if (incumbent.Evaluation is not { } known || data.CandidateLimit is not null) return Task.FromResult<CoverWithinTheGap.Result?>(null);
        var master = dives.CopyOfTheMaster();
        var (mostNodes, wallTime) = settings.DeterministicTime is { } seconds
            ? ((long)(seconds * CoverSearch.NodesPerDeterministicSecond), TimeSpan.MaxValue) : (long.MaxValue, time);
        CoverWithinTheGap.Result? Search()
        {
            if (CoverWithinTheGap.AfterPricing(master, cancel) is not { } cover) return null;
            var result = cover.Run((double)known.Objective, mostNodes, wallTime, cancel);
            if (result.Plan is not null) incumbent.Offer(result.Plan, "exact-cover");
            if (incumbent.Evaluation is { } best && (double)best.Objective <= result.Bound) divesGoOn.Cancel();
            return result;
        }
        return settings.Workers >= 2 && settings.DeterministicTime is null ? Task.Run(Search, CancellationToken.None) : Task.FromResult(Search());
    }

    /// <summary>True once the bound has reached the best plan's objective.</summary>
    private bool IsProvenOptimal() => incumbent.Evaluation is { } best && incumbent.Bound is { } bound && best.Objective <= bound;

    /// <summary>
    /// The share of the time left CP-SAT gets for the accounts a dive leaves to its free reps (about 20 accounts among 4
    /// reps on the 100-job books, 40-80 on the 200-job ones): d20100 proved optimal at once, d10200 ended feasible at 2 s.
    /// </summary>
    private const double ResidualTimeShare = 0.1;

    /// <summary>The most dives tried, each first fixing the next column the root's solution uses.</summary>
    private const int MaxDives = 20;

    /// <summary>
    /// With a deterministic limit, the dives tried: each residual model may take the whole deterministic limit (as every
    /// CP-SAT run of a deterministic solve does), so the count bounds the solve's length.
    /// </summary>
    private const int DeterministicDives = 3;

    private int[]? BestCandidatePlan() => incumbent.RepOf is { } best && data.IsCandidatePlan(best) ? best : null;

    /// <summary>The plan with every account free where it and the LP differ, and the cheapest moves of the LP's split reps.</summary>
    private int[] Widened(LpResult lp, int[] plan) =>
        WithCheapestMovesFreed(lp.Integral.Select((r, a) => r == plan[a] ? r : -1).ToArray(), lp.SplitReps);

    /// <summary>
    /// LP-and-fix from the best plan over the accounts the LP is nearly indifferent about (see <see cref="NearTieFix"/>),
    /// with most of the time left: first from the LP's rounding (<see cref="FromTheRoundingShare"/>), then with CP-SAT workers
    /// that only improve the best plan (<see cref="SolveSettings.ImproveOnly"/>): the whole-model worker's bound covers this
    /// restricted model only, and nearly every neighbourhood CP-SAT tried there improved the plan. Tuning books at 60 s,
    /// from the repaired plan alone, with a whole-model worker then without: 20,000 x 200 seeds 3, 1, 4, 8, 5:
    /// 1.19% -> 1.16%, 1.02% -> 0.97%, 0.50% -> 0.50%, 0.45% -> 0.39%, 0.45% -> 0.40%; 10,000 x 112 seed 2 0.26% -> 0.25%
    /// (150-440 plans found instead of 140-270).
    /// </summary>
    private void NearTies(LpResult lp, int[] best, bool balanceTerm, CancellationToken cancel)
    {
        var fix = NearTieFix.From(lp, best);
        data = data.WithPairs(fix.Pairs);
        var scope = ModelScope.Fixing(data, fix.FixedRepOf, fix.Allowed);
        var time = ShareOfRemaining(NearTieTimeShare);
        var started = clock.ElapsedSeconds;
        var fromRounding = SolveScope(scope, lp.Preferred, balanceTerm, time * FromTheRoundingShare, cancel);
        Trace($"lp-and-fix near ties from the lp's rounding free={fix.FreeCount} status={fromRounding?.Status} solutions={fromRounding?.Solutions}");
        var left = time - TimeSpan.FromSeconds(clock.ElapsedSeconds - started);
        if (left <= TimeSpan.Zero) return;
        var outcome = SolveScope(scope, BestCandidatePlan() ?? best, balanceTerm, left, cancel, improveOnly: true);
        Trace($"lp-and-fix near ties improving status={outcome?.Status} solutions={outcome?.Solutions}");
        SwapOnTheBestPlan(cancel);
    }

    /// <summary>
    /// The swap search (<see cref="LocalSearch.Swap"/>) on the best plan the near-tie model leaves: that model frees only
    /// the accounts near a tie, each among a few reps, and an exchange with an account it keeps fixed still saves. On the
    /// western 20,000 x 200 tuning book it took 2.476118 to 2.474850 in 1.2 s; quality runner, 60 s, 20,000 x 200 tuning
    /// seeds 1-5, without then with it: 0.66, 0.23, 0.92, 0.37, 0.36% against 0.60, 0.26, 0.81, 0.29, 0.32%.
    /// </summary>
    private void SwapOnTheBestPlan(CancellationToken cancel)
    {
        if (BestCandidatePlan() is not { } plan || cancel.IsCancellationRequested) return;
        var state = AssignmentState.Of(data, plan);
        var before = state.LinearCost;
        LocalSearch.Swap(data, state, cancel);
        Trace($"swaps on the best plan {before:0.######} -> {state.LinearCost:0.######}");
        incumbent.Offer(state.RepOfAll(), "swap-search");
    }

    /// <summary>
    /// The near-tie model first starts from the LP rounded where it stands, which breaks the band and the move cap by a
    /// little, with CP-SAT's usual workers, for this share of its time; then its workers only improve the best plan. The
    /// rounded plan's repair (flow, repair and polish) kept every rule at 2% of the LP's value on w3 (linear cost 2.4531
    /// rounded, 2.5011 repaired), where CP-SAT hinted with the rounding found plans near it: at 60 s, w3 1.38-1.42% to
    /// the bound from the repaired plan alone (two runs), 1.14, 1.11, 1.06 and 1.18% with 3, 5, 10 and 25 s of 27 from
    /// the rounding. 20,000 x 200 tuning seeds 1-5 (quality runner, 60 s), before, with the LP's narrower start alone,
    /// and with this as well: 1.03, 0.73, 0.68%; 0.27, 0.30, 0.21%; 1.31, 1.43, 1.07%; 0.53, 0.53, 0.49%; 0.47, 0.49, 0.43%;
    /// 10,000 x 112 seeds 2 and 3 (the LP's full start there) 0.26, 0.29% before, 0.27, 0.29% with this. Re-measured
    /// after the repair by reduced costs, which on w3 leaves this phase nothing to find: without it 0.59, 0.22, 0.85, 0.42,
    /// 0.37% on seeds 1-5 against 0.61, 0.21, 0.85, 0.27, 0.32% with it.
    /// </summary>
    private const double FromTheRoundingShare = 0.4;

    /// <summary>
    /// The near-tie model gets this share of the time left, the neighbourhood search the rest. It was the regions' share
    /// when they decided the widening of the 20,000 x 200 books (two passes of regions then ended the same as one).
    /// </summary>
    private const double NearTieTimeShare = 0.8;

    /// <summary>
    /// Also frees, at each rep the LP splits an account with, the accounts it could give away at the least extra cost:
    /// the LP's optimum sits at band edges, where the split accounts alone often cannot be placed whole (two reps that
    /// each need half of one account), and these give the integer plan the slack it needs.
    /// </summary>
    private int[] WithCheapestMovesFreed(int[] fixedRepOf, IReadOnlySet<int> reps)
    {
        var wider = fixedRepOf.ToArray();
        var byRep = new Dictionary<int, List<(int Account, double Regret)>>();
        for (var a = 0; a < data.AccountCount; a++)
        {
            var r = fixedRepOf[a];
            if (r < 0 || !reps.Contains(r)) continue;
            var s = data.IndexOf(a, r);
            var regret = Enumerable.Range(0, data.Candidates[a].Length).Where(o => o != s).Select(o => data.Cost[a][o] - data.Cost[a][s]).DefaultIfEmpty(double.MaxValue).Min();
            if (!byRep.TryGetValue(r, out var list)) byRep[r] = list = [];
            list.Add((a, regret));
        }
        foreach (var list in byRep.Values)
            foreach (var (a, _) in list.OrderBy(e => e.Regret).Take(FreedPerSplitRep)) wider[a] = -1;
        return wider;
    }

    /// <summary>How many of its cheapest-to-move accounts each split rep frees when LP-and-fix alone has no plan.</summary>
    private const int FreedPerSplitRep = 12;

    private CpSatOutcome? SolveScope(int[] fixedRepOf, int[] hint, bool balanceTerm, TimeSpan limit, CancellationToken cancel, TimeSpan? firstSolutionWithin = null) =>
        SolveScope(ModelScope.Fixing(data, fixedRepOf), hint, balanceTerm, limit, cancel, firstSolutionWithin: firstSolutionWithin);

    private CpSatOutcome? SolveScope(ModelScope scope, int[] hint, bool balanceTerm, TimeSpan limit, CancellationToken cancel, bool improveOnly = false, string source = "lp-and-fix", TimeSpan? firstSolutionWithin = null)
    {
        if (cancel.IsCancellationRequested || clock.Remaining <= TimeSpan.Zero) return null;
        if (Build(() => new CpSatModel(data, switchableRules: false, ReferenceTotal(hint), scope, balanceTerm, cancel)) is not { } model) return null;
        model.AddHint(hint);
        return CpSatRun.Solve(model, settings with { TimeLimit = limit, ImproveOnly = improveOnly, FirstSolutionWithin = firstSolutionWithin }, repOf => incumbent.Offer(repOf, source), cancel);
    }

    /// <summary>
    /// The LP's share of the wall-clock time left; with a deterministic limit the LP (deterministic itself) may use all of
    /// it, so that how far the run gets does not depend on the machine's load.
    /// </summary>
    private TimeSpan LpTime() => settings.DeterministicTime is null
        ? TimeSpan.FromSeconds(Math.Max(0.5, clock.Remaining.TotalSeconds * LpTimeShare))
        : clock.Remaining;

    private void Trace(string message) => log?.WriteLine($"[{clock.ElapsedSeconds:0.00}s] {message}");

    private double ReferenceTotal(int[] repOf) =>
        Enumerable.Range(0, repOf.Length).Sum(a => data.IndexOf(a, repOf[a]) is var s and >= 0 ? data.MetricValue[a][s] : 0);
}
