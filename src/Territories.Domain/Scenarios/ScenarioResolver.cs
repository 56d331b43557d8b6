using Territories.Domain.Contracts;
using Territories.Domain.Model;

namespace Territories.Domain.Scenarios;

/// <summary>
/// Applies a scenario's changes to its dataset and answers the territory problem to solve, or the errors (with paths
/// into the scenario, such as <c>changes.repsRemoved[0]</c>) that make the changes impossible on this dataset.
/// </summary>
public static class ScenarioResolver
{
    public static TerritoryProblem Resolve(TerritoryProblem dataset, Scenario scenario)
    {
        var errors = new List<InputError>();
        var changes = scenario.Changes;
        var reps = dataset.Reps.ToDictionary(r => r.Id);
        var order = dataset.Reps.Select(r => r.Id).ToList();
        var accounts = dataset.Accounts.ToList();
        var accountIndex = accounts.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var unlocked = changes.AccountsUnlocked.ToHashSet();

        for (var i = 0; i < changes.RepsRemoved.Count; i++)
        {
            var id = changes.RepsRemoved[i];
            var path = $"changes.repsRemoved[{i}]";
            if (!reps.Remove(id)) { errors.Add(new InputError(path, $"rep \"{id}\" is not in dataset \"{scenario.DatasetId}\"")); continue; }
            var locked = accounts.Where(a => a.LockedRepId == id && !unlocked.Contains(a.Id)).Select(a => a.Id.Value).ToList();
            if (locked.Count > 0)
                errors.Add(new InputError(path, $"accounts {UserList(locked)} are locked to rep \"{id}\"; unlock them in changes.accountsUnlocked or keep the rep"));
        }
        for (var i = 0; i < changes.RepsAdded.Count; i++)
        {
            var rep = changes.RepsAdded[i];
            if (!reps.TryAdd(rep.Id, rep)) errors.Add(new InputError($"changes.repsAdded[{i}].id", $"rep \"{rep.Id}\" is already in the scenario"));
            else order.Add(rep.Id);
        }
        for (var i = 0; i < changes.RepsResized.Count; i++)
        {
            var resize = changes.RepsResized[i];
            if (!reps.TryGetValue(resize.RepId, out var rep))
                errors.Add(new InputError($"changes.repsResized[{i}].repId", $"rep \"{resize.RepId}\" is not in the scenario"));
            else reps[resize.RepId] = rep with { Capacity = resize.Capacity ?? rep.Capacity, MaxAccounts = resize.MaxAccounts ?? rep.MaxAccounts };
        }
        for (var i = 0; i < changes.AccountsUnlocked.Count; i++)
        {
            var id = changes.AccountsUnlocked[i];
            if (!accountIndex.TryGetValue(id, out var a)) errors.Add(new InputError($"changes.accountsUnlocked[{i}]", $"account \"{id}\" is not in dataset \"{scenario.DatasetId}\""));
            else accounts[a] = accounts[a] with { LockedRepId = null };
        }
        for (var i = 0; i < changes.AccountsLocked.Count; i++)
        {
            var (accountId, repId) = changes.AccountsLocked[i];
            var path = $"changes.accountsLocked[{i}]";
            if (!accountIndex.TryGetValue(accountId, out var a)) errors.Add(new InputError($"{path}.accountId", $"account \"{accountId}\" is not in dataset \"{scenario.DatasetId}\""));
            else if (!reps.ContainsKey(repId)) errors.Add(new InputError($"{path}.repId", $"rep \"{repId}\" is not in the scenario"));
            else if (unlocked.Contains(accountId)) errors.Add(new InputError($"{path}.accountId", $"account \"{accountId}\" is also in changes.accountsUnlocked"));
            else accounts[a] = accounts[a] with { LockedRepId = repId };
        }
        if (reps.Count == 0) errors.Add(new InputError("changes.repsRemoved", "removes every rep; a scenario needs at least one"));
        if (errors.Count > 0) throw new InvalidInputException(errors);

        var resolved = TerritoryProblem.Create(order.Where(reps.ContainsKey).Select(id => reps[id]).ToList(), accounts,
            scenario.Options ?? dataset.Options, dataset.Pairs.Where(p => reps.ContainsKey(p.RepId)).ToList(), dataset.Units, scenario.Name, dataset.Org.Units);
        return Revalidated(resolved);
    }

    /// <summary>
    /// Runs the contract's own checks on the result (an added rep without a home when travel is weighted, a pairsOnly
    /// account whose every rep was removed): the same rules a problem sent directly must pass.
    /// </summary>
    private static TerritoryProblem Revalidated(TerritoryProblem problem)
    {
        try
        {
            return TerritoryProblemReader.Read(TerritoryProblemWriter.Write(problem));
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(e.Errors.Select(error => error with { Message = $"in the scenario's problem, {error.Path}: {error.Message}", Path = "changes" }).ToList());
        }
    }

    private static string UserList(IReadOnlyList<string> ids) =>
        ids.Count <= 5 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(5))} and {ids.Count - 5} more";
}
