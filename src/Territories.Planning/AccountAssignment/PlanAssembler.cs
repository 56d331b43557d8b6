using Google.OrTools.Sat;
using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Planning.AccountAssignment;

/// <summary>Turns the search's outcome into the contract's plan; the numbers come from the evaluator, not the solver.</summary>
internal static class PlanAssembler
{
    /// <summary>A gap this small counts as proven optimal (it is below the solver's rounding of costs to integers).</summary>
    public const double OptimalGap = 1e-6;

    public static Plan Infeasible(SolveClock clock, IReadOnlyList<Diagnostic> diagnostics) =>
        new(PlanStatus.Infeasible, null, null, null, clock.ElapsedSeconds, null, [], [], null, [],
            new SolveReport(null, null, 0, "pre-check"), diagnostics);

    public static Plan FromIncumbent(Incumbent incumbent, Attempt.Result attempt, int? candidateLimit, SolveClock clock, List<Diagnostic> notes) =>
        FromIncumbent(incumbent, attempt.CpSat?.Status == CpSolverStatus.Optimal && attempt.CpBoundIsGlobal && attempt.ModelSlack == 0,
            attempt.CpSat is null ? "heuristic" : "cp-sat", candidateLimit, clock, notes);

    /// <param name="proven">True when the search proved the incumbent optimal for the exact objective.</param>
    public static Plan FromIncumbent(Incumbent incumbent, bool proven, string engine, int? candidateLimit, SolveClock clock, List<Diagnostic> notes)
    {
        var solutions = incumbent.Solutions;
        if (incumbent.Evaluation is not { } evaluation || incumbent.RepOf is not { } repOf)
        {
            notes.Add(new Diagnostic(DiagnosticCodes.TimeLimit, "the time limit ran out before any plan met every hard rule; allow more time"));
            return new Plan(PlanStatus.Unknown, null, incumbent.Bound, null, clock.ElapsedSeconds, null, [], [], null, [],
                new SolveReport(incumbent.BoundSource, candidateLimit, solutions, engine), notes);
        }
        var objective = evaluation.Objective;
        var bound = incumbent.Bound is { } b ? Math.Min(b, objective) : (decimal?)null;
        var gap = Plan.GapOf(objective, bound);
        var status = proven || gap <= OptimalGap ? PlanStatus.Optimal : PlanStatus.Feasible;
        if (status == PlanStatus.Optimal && proven) (bound, gap) = (objective, 0);
        return new Plan(status, objective, bound, gap, clock.ElapsedSeconds, incumbent.FirstFeasibleSeconds,
            Assignments(incumbent, repOf), evaluation.Reps, evaluation.Kpis, evaluation.ObjectiveTerms,
            new SolveReport(incumbent.BoundSource, candidateLimit, solutions, engine), notes) { OrgUnits = evaluation.OrgUnits };
    }

    private static List<Assignment> Assignments(Incumbent incumbent, int[] repOf) =>
        repOf.Select((r, a) => new Assignment(incumbent.Problem.Accounts[a].Id, incumbent.Problem.Reps[r].Id)).ToList();
}
