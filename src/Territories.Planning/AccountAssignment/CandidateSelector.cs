using Territories.Domain.Model;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Chooses the pairs a large problem is first solved over: each account's k nearest eligible reps (cheapest where there is
/// no geography) and its current rep, plus, from each rep's side, its nearest eligible accounts until they hold
/// <see cref="RepSideCover"/> times the rep's capacity, so that a remote rep can still fill its fair share.
/// </summary>
internal static class CandidateSelector
{
    public const double RepSideCover = 1.5;

    public static IReadOnlyList<IReadOnlyCollection<int>> Select(TerritoryProblem problem, EligibleReps eligible, int? k, Func<int, int, double> pairCost)
    {
        var accounts = problem.Accounts.Count;
        if (k is not { } limit) return Enumerable.Range(0, accounts).Select(a => (IReadOnlyCollection<int>)eligible.Of(a)).ToList();
        double Closeness(int a, int r) => problem.HasGeography ? problem.DistanceKm(a, r) : pairCost(a, r);

        var chosen = new HashSet<int>[accounts];
        var accountsOf = Enumerable.Range(0, problem.Reps.Count).Select(_ => new List<(int Account, double Closeness)>()).ToArray();
        for (var a = 0; a < accounts; a++)
        {
            var reps = eligible.Of(a);
            var closeness = reps.Select(r => (Rep: r, Closeness: Closeness(a, r))).ToArray();
            foreach (var (r, c) in closeness) accountsOf[r].Add((a, c));
            chosen[a] = closeness.Length <= limit ? [.. reps]
                : [.. closeness.OrderBy(e => e.Closeness).Take(limit).Select(e => e.Rep)];
            var current = problem.CurrentRepIndexOf(a);
            if (current >= 0 && reps.Contains(current)) chosen[a].Add(current);
        }
        for (var r = 0; r < problem.Reps.Count; r++)
        {
            var cover = RepSideCover * problem.Reps[r].Capacity;
            var held = 0.0;
            foreach (var (a, _) in accountsOf[r].OrderBy(e => e.Closeness))
            {
                if (held >= cover) break;
                chosen[a].Add(r);
                held += problem.WorkloadOf(a, r);
            }
        }
        return chosen;
    }
}
