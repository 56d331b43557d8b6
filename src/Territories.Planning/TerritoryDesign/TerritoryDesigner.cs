using System.Globalization;
using Google.OrTools.Sat;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;

namespace Territories.Planning.TerritoryDesign;

/// <summary>
/// Territory design on units (<c>options.contiguity: true</c>): all accounts of a unit go to one rep and every rep's
/// units are connected. Pre-checks name units no single rep may take and unit graphs with more pieces than reps; a
/// region-growing plan (contiguous, rebalanced) hints CP-SAT, which enforces contiguity with a flow per rep and every
/// other rule of the account model, on the exact objective. Every plan is re-checked by the evaluator.
/// </summary>
internal sealed class TerritoryDesigner(TerritoryProblem problem, SolveClock clock, SolveSettings settings, IProgress<PlanSnapshot>? progress, CancellationToken cancel)
{
    public Plan Solve(List<Diagnostic> notes)
    {
        var data = new UnitData(problem);
        var blocking = PreChecks(data);
        if (blocking.Count > 0) return PlanAssembler.Infeasible(clock, [.. blocking, .. notes]);
        var incumbent = new Incumbent(problem, clock, progress);
        var fairShare = FairShares(data);
        var hint = RegionGrowing.Build(data, fairShare, cancel);
        incumbent.Offer(data.ToAccounts(hint), "construction");

        var model = new UnitModel(data, hint);
        var search = CpSatHarness.Run(model.Model, settings with { TimeLimit = clock.Remaining },
            solution => incumbent.Offer(data.ToAccounts(model.ReadSolution(solution.BooleanValue)), "cp-sat"), cancel);
        if (search.Status == CpSolverStatus.Infeasible)
            return PlanAssembler.Infeasible(clock, [Conflict(data, hint, fairShare), .. notes]);
        if (search.Bound is { } bound) incumbent.ImproveBound(bound / model.ObjectiveScale - model.ModelSlack, "cp-sat");
        var proven = search.Status == CpSolverStatus.Optimal && model.ModelSlack == 0;
        return PlanAssembler.FromIncumbent(incumbent, proven, "cp-sat (units, contiguity flow)", null, clock, notes);
    }

    private List<Diagnostic> PreChecks(UnitData data)
    {
        var blocking = new List<Diagnostic>();
        for (var u = 0; u < data.UnitCount; u++)
        {
            if (data.Eligible[u].Any(e => e)) continue;
            var accounts = data.AccountsOf[u].Select(a => problem.Accounts[a]).ToList();
            var skills = accounts.SelectMany(a => a.RequiredSkills).Distinct().Order(StringComparer.Ordinal).ToList();
            blocking.Add(new Diagnostic(DiagnosticCodes.UnitWithoutRep,
                $"no single rep may take every account of unit {data.Ids[u]} (its accounts need {(skills.Count > 0 ? string.Join(", ", skills) : "no skill")}, or are locked to different reps); with contiguity a unit's accounts share one rep",
                accounts.Select(a => a.Id).ToList(), Skills: skills));
        }
        blocking.AddRange(TooLarge(data));
        var pieces = UnitGraph.Of(problem.Units).Components(data.Ids.ToHashSet());
        if (pieces.Count > data.RepCount)
            blocking.Add(new Diagnostic(DiagnosticCodes.UnitsDisconnected,
                $"the units with accounts form {pieces.Count} separate pieces (e.g. {string.Join(" | ", pieces.Take(3).Select(p => string.Join(",", p.Take(4))))}) but there are only {data.RepCount} reps; every rep's territory must be one connected piece"));
        return blocking;
    }

    /// <summary>Units whose accounts alone exceed the capacity or the balance band of every rep that may take them.</summary>
    private IEnumerable<Diagnostic> TooLarge(UnitData data)
    {
        var band = data.Accounts.Band;
        for (var u = 0; u < data.UnitCount; u++)
        {
            var fits = Enumerable.Range(0, data.RepCount).Any(r => data.Eligible[u][r]
                && data.Accounts.Capacity.Allows(r, data.Workload[u][r]) && (band is null || data.Metric[u][r] <= band.Upper[r] + 1e-9));
            if (fits || !data.Eligible[u].Any(e => e)) continue;
            var r0 = Array.FindIndex(data.Eligible[u], e => e);
            var limit = band is null ? "its capacity" : string.Create(CultureInfo.InvariantCulture, $"the balance band's upper end ({band.Upper[r0]:N0} for rep {problem.Reps[r0].Id})");
            yield return new Diagnostic(DiagnosticCodes.UnitTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"unit {data.Ids[u]} alone holds {data.AccountsOf[u].Count} accounts with {data.Metric[u][r0]:N0} of {problem.Options.Balance.Metric.ToString().ToLowerInvariant()} and {data.Workload[u][r0]:N0} hours, more than any rep may take ({limit}); with contiguity a unit is never split: use smaller units there, or widen the band"),
                data.AccountsOf[u].Take(10).Select(a => problem.Accounts[a].Id).ToList());
        }
    }

    private static double[] FairShares(UnitData data)
    {
        var total = data.Accounts.Band?.Total ?? Enumerable.Range(0, data.UnitCount).Sum(u => data.Metric[u].Max());
        return data.Accounts.Fractions.Select(f => f * total).ToArray();
    }

    /// <summary>Why no plan exists: the rules that clash, and where the most balanced contiguous plan found falls outside the band.</summary>
    private Diagnostic Conflict(UnitData data, int[] hint, double[] fairShare)
    {
        var load = new double[data.RepCount];
        for (var u = 0; u < data.UnitCount; u++) load[hint[u]] += data.Metric[u][hint[u]];
        var outside = Enumerable.Range(0, data.RepCount)
            .Select(r => (Rep: r, Deviation: fairShare[r] > 0 ? (load[r] - fairShare[r]) / fairShare[r] : 0))
            .Where(x => data.Accounts.Band is { } band && Math.Abs(x.Deviation) > band.Tolerance)
            .OrderByDescending(x => Math.Abs(x.Deviation)).ToList();
        var detail = outside.Count == 0
            ? "no rep could be kept within its capacity and the move limit while every territory stays connected"
            : "in the most balanced contiguous plan found, " + string.Join(", ", outside.Take(5).Select(x =>
                string.Create(CultureInfo.InvariantCulture, $"rep {problem.Reps[x.Rep].Id} is at {x.Deviation:+0.0%;-0.0%} of its fair share ({Enumerable.Range(0, data.UnitCount).Count(u => hint[u] == x.Rep)} units)")));
        return new Diagnostic(DiagnosticCodes.ContiguityConflict,
            $"contiguity, the balance band, capacity and the other hard rules cannot all hold (proven by CP-SAT); {detail}. Widen balance.tolerance, add or move reps, or turn contiguity off",
            RepIds: outside.Select(x => problem.Reps[x.Rep].Id).ToList());
    }
}
