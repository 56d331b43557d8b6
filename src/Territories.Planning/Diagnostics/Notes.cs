using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Planning.Diagnostics;

/// <summary>Diagnostics that inform rather than block: orphaned accounts, travel left out, pruning used.</summary>
internal static class Notes
{
    public static List<Diagnostic> For(TerritoryProblem problem)
    {
        var notes = new List<Diagnostic>();
        var orphaned = Enumerable.Range(0, problem.Accounts.Count).Where(problem.IsOrphaned).Select(a => problem.Accounts[a]).ToList();
        if (orphaned.Count > 0)
        {
            var leavers = orphaned.Select(a => a.CurrentRepId!.Value).Distinct().ToList();
            notes.Add(new Diagnostic(DiagnosticCodes.Orphaned,
                $"{orphaned.Count} account(s) belong to rep(s) not in the problem ({string.Join(", ", leavers.Take(10))}); they must move and do not count against maxMovedShare",
                orphaned.Select(a => a.Id).ToList(), leavers));
        }
        if (!problem.Options.WeightsGiven && problem.Options.Weights.Travel != 0 && !problem.HasGeography)
            notes.Add(new Diagnostic(DiagnosticCodes.TravelLeftOut,
                "travel is left out of the objective: some reps have no home or some accounts no location"));
        return notes;
    }

    public static Diagnostic Pruned(int candidateReps) => new(DiagnosticCodes.Pruned,
        $"each account was considered for its {candidateReps} nearest eligible reps and its current rep; the bound covers every eligible rep");
}
