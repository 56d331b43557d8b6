using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;

namespace Territories.Quality.Peers;

/// <summary>A peer's plan as the evaluator scores it: its objective (null without a valid plan) and what happened.</summary>
/// <param name="Status">optimal, feasible, no plan (time ran out), infeasible, "broke …" (the evaluator found a broken rule), or not modelled.</param>
internal sealed record PeerResult(decimal? Objective, double? FirstPlanSeconds, string Status)
{
    public string Cell() => Objective is { } o
        ? string.Create(CultureInfo.InvariantCulture, $"{o:0.####} ({FirstPlanSeconds:0.0} s)")
        : Status;
}

/// <summary>The two textbook peers on one instance, and the best bound they prove.</summary>
/// <param name="LpBound">The LP relaxation's optimum when GLOP solved it within the limit (a proven lower bound).</param>
/// <param name="ExactBound">Plain CP-SAT's proven bound, when its integer model is the objective exactly (GAP).</param>
/// <param name="FractionalAccounts">How many accounts the LP left fractional.</param>
internal sealed record PeerComparison(PeerResult PlainCpSat, PeerResult LpAndFix, decimal? LpBound, decimal? ExactBound, int? FractionalAccounts, double? LpSeconds)
{
    /// <summary>Runs plain CP-SAT, then LP-and-fix, one after the other, each with the whole limit.</summary>
    /// <param name="seed">The peers' CP-SAT random seed (<see cref="ContractCpSat.Solve"/>); null for CP-SAT's default.</param>
    public static PeerComparison Run(TerritoryProblem problem, double seconds, int workers, int? seed = null)
    {
        ContractTerms terms;
        try
        {
            terms = ContractTerms.Of(problem);
        }
        catch (NotSupportedException)
        {
            var none = new PeerResult(null, null, "not modelled");
            return new PeerComparison(none, none, null, null, null, null);
        }
        var clock = Stopwatch.StartNew();
        var plain = ContractCpSat.Solve(terms, null, seconds, workers, clock, seed);
        var plainResult = Scored(problem, plain, whole: true);
        clock.Restart();
        var (lp, fix) = Peers.LpAndFix.Solve(terms, seconds, workers, clock, seed);
        var fixResult = fix is null
            ? new PeerResult(null, null, lp.Status == Google.OrTools.LinearSolver.Solver.ResultStatus.INFEASIBLE ? "infeasible (LP)" : $"LP not solved ({lp.Seconds:0} s)")
            : Scored(problem, fix, whole: false);
        return new PeerComparison(plainResult, fixResult, Decimal(lp.Bound), Decimal(plain.Bound), lp.Integral?.Count(r => r < 0),
            lp.Integral is null ? null : lp.Seconds);
    }

    /// <summary>The better valid plan of the two.</summary>
    public decimal? Best => new[] { PlainCpSat.Objective, LpAndFix.Objective }.Where(o => o is not null).Min();

    /// <param name="whole">False when CP-SAT decided only part of the accounts: its optimum is then not the problem's.</param>
    private static PeerResult Scored(TerritoryProblem problem, CpSatEnd end, bool whole)
    {
        if (end.RepOf is null)
            return new PeerResult(null, end.FirstPlanSeconds, end.Status == CpSolverStatus.Infeasible ? whole ? "infeasible" : "infeasible after fixing" : end.Status == CpSolverStatus.Unknown ? "no plan" : end.Status.ToString().ToLowerInvariant());
        var evaluation = PlanEvaluator.Evaluate(problem, end.RepOf);
        return evaluation.IsFeasible
            ? new PeerResult(evaluation.Objective, end.FirstPlanSeconds, end.Status == CpSolverStatus.Optimal && whole ? "optimal" : "feasible")
            : new PeerResult(null, end.FirstPlanSeconds, $"broke {string.Join(", ", evaluation.Violations.Select(v => v.Rule).Distinct())}");
    }

    private static decimal? Decimal(double? value) => value is { } v && double.IsFinite(v) ? (decimal)v : null;
}
