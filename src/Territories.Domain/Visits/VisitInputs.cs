using Territories.Domain.Contracts;
using Territories.Domain.Model;

namespace Territories.Domain.Visits;

/// <summary>What visit planning needs from the problem and the plan, checked before planning, each error at its field path.</summary>
public static class VisitInputs
{
    public const int MaxWeeks = 13;

    /// <summary>The plan's account-to-rep map; throws <see cref="InvalidInputException"/> naming every missing field.</summary>
    public static IReadOnlyDictionary<AccountId, RepId> Check(TerritoryProblem problem, IEnumerable<(AccountId Account, RepId Rep)> assignments, VisitPolicy policy, int weeks)
    {
        var errors = new List<InputError>();
        var repOf = new Dictionary<AccountId, RepId>();
        var i = 0;
        foreach (var (account, rep) in assignments)
        {
            if (!problem.HasAccount(account)) errors.Add(new InputError($"plan.assignments[{i}].accountId", $"names account \"{account}\", which is not in the problem"));
            else if (!problem.HasRep(rep)) errors.Add(new InputError($"plan.assignments[{i}].repId", $"names rep \"{rep}\", which is not in the problem"));
            else repOf[account] = rep;
            i++;
        }
        var busy = repOf.Values.ToHashSet();
        for (var r = 0; r < problem.Reps.Count; r++)
            if (busy.Contains(problem.Reps[r].Id) && problem.Reps[r].Home is null) errors.Add(new InputError($"reps[{r}].home", "is required to plan visits (routes start and end at home)"));
        var tiers = string.Join(", ", policy.Tiers.Keys.Order(StringComparer.Ordinal));
        for (var a = 0; a < problem.Accounts.Count; a++)
        {
            var account = problem.Accounts[a];
            if (!repOf.ContainsKey(account.Id)) continue;
            if (account.Location is null) errors.Add(new InputError($"accounts[{a}].location", "is required to plan visits"));
            if (account.Tier is not { } tier || !policy.Tiers.ContainsKey(tier))
                errors.Add(new InputError($"accounts[{a}].tier", $"must be a tier of the visit policy ({tiers}), not {(account.Tier is null ? "missing" : $"\"{account.Tier}\"")}; territories classify sets it"));
        }
        if (weeks is < 1 or > MaxWeeks) errors.Add(new InputError("weeks", $"must be within [1, {MaxWeeks}], not {weeks}"));
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return repOf;
    }
}
