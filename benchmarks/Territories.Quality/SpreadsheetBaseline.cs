using System.Globalization;
using System.Text;
using Territories.Domain.Contracts;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;

namespace Territories.Quality;

/// <summary>
/// The plan a spreadsheet planner makes, against the optimised one on the same book: going down the sheet, each account
/// goes to the nearest rep (from its home) that has the skills and still has capacity (and room under maxAccounts);
/// an account no such rep can take stays unserved. Both plans are measured by the evaluator.
/// </summary>
internal static class SpreadsheetBaseline
{
    public static int[] Plan(TerritoryProblem problem)
    {
        var load = new double[problem.Reps.Count];
        var count = new int[problem.Reps.Count];
        var repOf = new int[problem.Accounts.Count];
        for (var a = 0; a < problem.Accounts.Count; a++)
        {
            repOf[a] = problem.EligibleRepsOf(a)
                .Where(r => load[r] + problem.WorkloadOf(a, r) <= problem.Reps[r].Capacity && count[r] < (problem.Reps[r].MaxAccounts ?? int.MaxValue))
                .OrderBy(r => problem.DistanceKm(a, r)).ThenBy(r => r).DefaultIfEmpty(-1).First();
            if (repOf[a] < 0) continue;
            load[repOf[a]] += problem.WorkloadOf(a, repOf[a]);
            count[repOf[a]]++;
        }
        return repOf;
    }

    public static async Task<string> CompareAsync(string problemPath, double timeLimit, int workers)
    {
        var problem = TerritoryProblemReader.Read(await File.ReadAllTextAsync(problemPath));
        problem = problem.WithOptions(problem.Options with { TimeLimitSeconds = timeLimit, Workers = workers });
        var baseline = PlanEvaluator.Evaluate(problem, Plan(problem));
        var optimised = await new AssignmentSolver().SolveAsync(problem);
        var evaluation = PlanEvaluator.Evaluate(problem, optimised.Assignments);
        var band = problem.Options.Balance.Tolerance is { } t ? string.Create(CultureInfo.InvariantCulture, $"±{t:0%} {problem.Options.Balance.Metric.ToString().ToLowerInvariant()} band") : "no balance band";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{problem.Name}: {problem.Accounts.Count} accounts, {problem.Reps.Count} reps, {band}; optimised for {timeLimit:0} s on {workers} worker(s)");
        text.AppendLine();
        text.AppendLine("| plan | unserved accounts | total travel km | workload max deviation | utilisation min-max | moved accounts | moved revenue | hard rules broken |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        text.AppendLine(Line("spreadsheet (nearest rep with room)", problem, baseline));
        text.AppendLine(Line($"optimised ({optimised.Status.ToString().ToLowerInvariant()}, gap {optimised.Gap:0.###%})", problem, evaluation));
        return text.ToString();
    }

    private static string Line(string name, TerritoryProblem problem, PlanEvaluation e) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {problem.Accounts.Count - e.Reps.Sum(r => r.Accounts)} | {e.Kpis.TotalTravelKm:N0} | {e.Kpis.WorkloadMaxDeviation:0.0%} | {e.Kpis.UtilizationMin:0%}-{e.Kpis.UtilizationMax:0%} | {e.Kpis.MovedAccounts} | {e.Kpis.MovedRevenue:N0} | {(e.Violations.Count == 0 ? "none" : string.Join("; ", e.Violations.Select(v => v.Rule).Distinct()))} |");
}
