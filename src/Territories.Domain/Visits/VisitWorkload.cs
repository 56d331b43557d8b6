using Territories.Domain.Model;

namespace Territories.Domain.Visits;

/// <summary>
/// Expands a visit policy into pair workloads (contract section 9), so the assignment engine sees what a far account
/// really costs each rep: for every rep an account may go to, workload = the workload otherwise in force (the pair's,
/// else the account's, else 0) + yearly visits x (visit minutes + round trip from that rep's home) in hours.
/// </summary>
public static class VisitWorkload
{
    public static List<Pair> Pairs(IReadOnlyList<Rep> reps, IReadOnlyList<Account> accounts, IReadOnlyList<Pair> given, SolveOptions options, VisitPolicy policy)
    {
        var givenPairs = given.ToDictionary(p => (p.AccountId, p.RepId));
        var pairs = new List<Pair>(accounts.Count * Math.Min(reps.Count, 16));
        foreach (var account in accounts)
        {
            foreach (var rep in reps)
            {
                var pair = givenPairs.GetValueOrDefault((account.Id, rep.Id));
                var allowed = rep.HasSkills(account.RequiredSkills) && (account.LockedRepId is not { } locked || locked == rep.Id) && (!options.PairsOnly || pair is not null);
                if (!allowed)
                {
                    if (pair is not null) pairs.Add(pair);
                    continue;
                }
                var otherWork = pair?.Workload ?? account.Workload ?? 0;
                pairs.Add(new Pair(account.Id, rep.Id, pair?.Cost ?? 0, Math.Round(otherWork + policy.YearlyHours(account, rep), 2)));
            }
        }
        return pairs;
    }
}
