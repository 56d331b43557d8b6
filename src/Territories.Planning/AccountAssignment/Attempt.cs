using Google.OrTools.Sat;

namespace Territories.Planning.AccountAssignment;

/// <summary>One pass over one candidate set: construction, LP relaxation and rounding, then CP-SAT from the best hint.</summary>
internal sealed class Attempt(AssignmentData candidates, Incumbent incumbent, SolveClock clock, SolveSettings settings, TextWriter? log, CancellationToken cancel)
{
    /// <summary>The LP gets at most this share of the time limit.</summary>
    private const double LpTimeShare = 0.3;

    /// <summary>CP-SAT on the whole candidate set gets this share of what is left (for its proof); the neighbourhood search the rest.</summary>
    private const double FullModelTimeShare = 0.3;

    /// <summary>With a deterministic limit, the neighbourhood search tries this many neighbourhoods, so runs are reproducible.</summary>
    private const int DeterministicNeighbourhoods = 30;

    public sealed record Result(CpSolverStatus Status, LpResult? Lp, CpSatOutcome? CpSat, bool CpBoundIsGlobal, double ModelSlack);

    private AssignmentData data = candidates;

    public Result Run()
    {
        // The construction and the LP stop at the time limit too, not only CP-SAT.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(clock.Remaining);
        return Run(deadline.Token);
    }

    private Result Run(CancellationToken cancel)
    {
        Trace($"attempt k={data.CandidateLimit} pairs={data.PairCount}");
        // The current plan, when it already meets every rule, is a plan: the search never returns anything worse.
        if (data.Current.All(r => r >= 0)) incumbent.Offer(data.Current, "current-plan");
        var greedy = GreedyConstruction.Build(data, data.Seed, cancel);
        Trace($"greedy violation={greedy.Violation():0.######} cost={greedy.LinearCost:0.####}");
        var hint = greedy.RepOfAll();
        incumbent.Offer(hint, "construction");
        var lp = cancel.IsCancellationRequested ? null
            : LpRelaxation.Solve(data, LpTime(), cancel);
        Trace($"lp bound={lp?.Bound} columns={lp?.Columns.Count} rounds={lp?.PricingRounds}");
        if (lp is { IsInfeasible: true } && incumbent.Evaluation is null)
            return new Result(CpSolverStatus.Infeasible, null, null, false, 0);
        if (lp is not null)
        {
            // The pairs the LP priced in are where the optimum lives: let the rest of the search use them.
            data = data.WithPairs(lp.Columns);
            incumbent.ImproveBound(lp.Bound, "lp-relaxation");
            var rounded = GreedyConstruction.Build(data, lp.Preferred, cancel);
            Trace($"rounded violation={rounded.Violation():0.####} cost={rounded.LinearCost:0.####}");
            if (incumbent.Offer(rounded.RepOfAll(), "lp-rounding") || greedy.Violation() > 0) hint = rounded.RepOfAll();
        }
        if (incumbent.RepOf is not null && IsCandidatePlan(incumbent.RepOf)) hint = incumbent.RepOf;
        if (cancel.IsCancellationRequested || clock.Remaining <= TimeSpan.Zero)
            return new Result(CpSolverStatus.Unknown, lp, null, false, 0);

        var model = new CpSatModel(data, switchableRules: false, ReferenceTotal(hint));
        model.AddHint(hint);
        // The largest deviation is a global term that neighbourhoods of a few reps rarely lower: with a balance weight the
        // whole model keeps all the time (measured on 5,000 x 50: 0.4% gap alone against 0.9-1.2% with the search).
        var share = data.Weights.Balance > 0 ? 1.0 : FullModelTimeShare;
        var fullModelTime = TimeSpan.FromSeconds(Math.Max(1, clock.Remaining.TotalSeconds * share));
        var outcome = CpSatRun.Solve(model, settings with { TimeLimit = fullModelTime }, repOf => incumbent.Offer(repOf, "cp-sat"), cancel);
        Trace($"cp status={outcome.Status} bound={outcome.Bound} solutions={outcome.Solutions}");
        var global = data.CandidateLimit is null && model.ObjectiveIsExact;
        if (global && outcome.Bound is { } bound) incumbent.ImproveBound(bound - model.ModelSlack, "cp-sat");
        if (outcome.Status is CpSolverStatus.Feasible or CpSolverStatus.Unknown && incumbent.Evaluation is not null)
        {
            var search = new NeighbourhoodSearch(data, incumbent, settings);
            search.Run(clock, settings.DeterministicTime is null ? int.MaxValue : DeterministicNeighbourhoods, cancel);
            Trace($"neighbourhoods tried={search.Tries} improved={search.Improvements}");
        }
        return new Result(outcome.Status, lp, outcome, global, model.ModelSlack);
    }

    /// <summary>
    /// A share of the wall-clock time left; with a deterministic limit the LP (deterministic itself) may use all of it, so
    /// that how far the run gets does not depend on the machine's load.
    /// </summary>
    private TimeSpan LpTime() => settings.DeterministicTime is null
        ? TimeSpan.FromSeconds(Math.Max(0.5, clock.Remaining.TotalSeconds * LpTimeShare))
        : clock.Remaining;

    private void Trace(string message) => log?.WriteLine($"[{clock.ElapsedSeconds:0.00}s] {message}");

    private bool IsCandidatePlan(int[] repOf) => Enumerable.Range(0, repOf.Length).All(a => data.IndexOf(a, repOf[a]) >= 0);

    private double ReferenceTotal(int[] repOf) =>
        Enumerable.Range(0, repOf.Length).Sum(a => data.IndexOf(a, repOf[a]) is var s and >= 0 ? data.MetricValue[a][s] : 0);
}
