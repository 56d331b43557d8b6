using Google.OrTools.Sat;

namespace Territories.Planning.AccountAssignment;

/// <summary>One pass over one candidate set: construction, LP relaxation and rounding, then CP-SAT from the best hint.</summary>
internal sealed class Attempt(AssignmentData data, Incumbent incumbent, SolveClock clock, SolveSettings settings, CancellationToken cancel)
{
    /// <summary>The LP gets at most this share of the time limit.</summary>
    private const double LpTimeShare = 0.3;

    public sealed record Result(CpSolverStatus Status, LpResult? Lp, CpSatOutcome? CpSat, bool CpBoundIsGlobal, double ModelSlack);

    public Result Run()
    {
        var greedy = GreedyConstruction.Build(data, null, cancel);
        var hint = greedy.RepOfAll();
        incumbent.Offer(hint, "construction");
        var lp = cancel.IsCancellationRequested ? null
            : LpRelaxation.Solve(data, TimeSpan.FromSeconds(Math.Max(0.5, clock.Remaining.TotalSeconds * LpTimeShare)), cancel);
        if (lp is not null)
        {
            incumbent.ImproveBound(lp.Bound, "lp-relaxation");
            var rounded = GreedyConstruction.Build(data, lp.Preferred, cancel);
            if (incumbent.Offer(rounded.RepOfAll(), "lp-rounding") || greedy.Violation() > 0) hint = rounded.RepOfAll();
        }
        if (incumbent.RepOf is not null && IsCandidatePlan(incumbent.RepOf)) hint = incumbent.RepOf;
        if (cancel.IsCancellationRequested || clock.Remaining <= TimeSpan.Zero)
            return new Result(CpSolverStatus.Unknown, lp, null, false, 0);

        var model = new CpSatModel(data, switchableRules: false, ReferenceTotal(hint));
        model.AddHint(hint);
        var outcome = CpSatRun.Solve(model, data, settings with { TimeLimit = clock.Remaining }, repOf => incumbent.Offer(repOf, "cp-sat"), cancel);
        var global = data.CandidateLimit is null && model.ObjectiveIsExact;
        if (global && outcome.Bound is { } bound) incumbent.ImproveBound(bound - model.ModelSlack, "cp-sat");
        return new Result(outcome.Status, lp, outcome, global, model.ModelSlack);
    }

    private bool IsCandidatePlan(int[] repOf) => Enumerable.Range(0, repOf.Length).All(a => data.IndexOf(a, repOf[a]) >= 0);

    private double ReferenceTotal(int[] repOf) =>
        Enumerable.Range(0, repOf.Length).Sum(a => data.IndexOf(a, repOf[a]) is var s and >= 0 ? data.MetricValue[a][s] : 0);
}
