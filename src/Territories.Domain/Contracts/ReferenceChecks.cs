using Territories.Domain.Model;

namespace Territories.Domain.Contracts;

/// <summary>
/// Checks that span fields: unique ids, references that resolve, and fields that a rule or weight makes required.
/// </summary>
internal sealed class ReferenceChecks(
    IReadOnlyList<Rep> reps, IReadOnlyList<Account> accounts, IReadOnlyList<Unit> units, IReadOnlyList<Pair> pairs,
    SolveOptions options, List<InputError> errors, Visits.VisitPolicy? policy = null)
{
    private readonly Dictionary<string, int> _repIndex = [];
    private readonly HashSet<string> _accountIds = [];
    private readonly HashSet<string> _unitIds = [];

    public void Run()
    {
        UniqueIds(reps.Select(r => r.Id.Value), "reps", _repIndex);
        UniqueIds(accounts.Select(a => a.Id.Value), "accounts", null, _accountIds);
        UniqueIds(units.Select(u => u.Id.Value), "units", null, _unitIds);
        Locks();
        UnitNeighbors();
        var pairWorkloads = Pairs();
        if (policy is null) Workloads(pairWorkloads);
        else VisitPolicyFields(policy);
        Travel();
        ContiguityFields();
        if (options.PairsOnly && pairs.Count == 0) errors.Add(new InputError("options.pairsOnly", "is true but no pairs are given"));
    }

    private void UniqueIds(IEnumerable<string> ids, string list, Dictionary<string, int>? index, HashSet<string>? set = null)
    {
        var seen = new Dictionary<string, int>();
        var i = 0;
        foreach (var id in ids)
        {
            if (seen.TryGetValue(id, out var first))
                errors.Add(new InputError($"{list}[{i}].id", $"duplicate id \"{id}\" (first at {list}[{first}])"));
            else seen[id] = i;
            i++;
        }
        if (index is not null) foreach (var (id, at) in seen) index[id] = at;
        set?.UnionWith(seen.Keys);
    }

    private void Locks()
    {
        for (var a = 0; a < accounts.Count; a++)
        {
            if (accounts[a].LockedRepId is { } locked && !_repIndex.ContainsKey(locked.Value))
                errors.Add(new InputError($"accounts[{a}].lockedRepId", $"names unknown rep \"{locked}\""));
        }
    }

    private void UnitNeighbors()
    {
        for (var u = 0; u < units.Count; u++)
        {
            for (var n = 0; n < units[u].Neighbors.Count; n++)
            {
                if (!_unitIds.Contains(units[u].Neighbors[n].Value))
                    errors.Add(new InputError($"units[{u}].neighbors[{n}]", $"names unknown unit \"{units[u].Neighbors[n]}\""));
            }
        }
    }

    /// <summary>Checks pair references; returns, per account id, the reps whose pair gives a workload.</summary>
    private Dictionary<string, HashSet<string>> Pairs()
    {
        var seen = new Dictionary<(string, string), int>();
        var withWorkload = new Dictionary<string, HashSet<string>>();
        for (var p = 0; p < pairs.Count; p++)
        {
            var pair = pairs[p];
            if (!_accountIds.Contains(pair.AccountId.Value))
                errors.Add(new InputError($"pairs[{p}].accountId", $"names unknown account \"{pair.AccountId}\""));
            if (!_repIndex.ContainsKey(pair.RepId.Value))
                errors.Add(new InputError($"pairs[{p}].repId", $"names unknown rep \"{pair.RepId}\""));
            if (!seen.TryAdd((pair.AccountId.Value, pair.RepId.Value), p))
                errors.Add(new InputError($"pairs[{p}]", $"duplicate pair ({pair.AccountId}, {pair.RepId}), first at pairs[{seen[(pair.AccountId.Value, pair.RepId.Value)]}]"));
            if (pair.Workload is not null)
            {
                if (!withWorkload.TryGetValue(pair.AccountId.Value, out var set)) withWorkload[pair.AccountId.Value] = set = [];
                set.Add(pair.RepId.Value);
            }
        }
        return withWorkload;
    }

    /// <summary>An account's workload is required unless pairs give it for every rep the account may use.</summary>
    private void Workloads(Dictionary<string, HashSet<string>> pairWorkloads)
    {
        var pairReps = pairs.GroupBy(p => p.AccountId.Value).ToDictionary(g => g.Key, g => g.Select(p => p.RepId.Value).ToHashSet());
        for (var a = 0; a < accounts.Count; a++)
        {
            var account = accounts[a];
            if (account.Workload is not null) continue;
            var covered = pairWorkloads.GetValueOrDefault(account.Id.Value) ?? [];
            var usable = reps.Where(r => account.LockedRepId is not { } l || l == r.Id)
                .Where(r => r.HasSkills(account.RequiredSkills))
                .Where(r => !options.PairsOnly || (pairReps.GetValueOrDefault(account.Id.Value)?.Contains(r.Id.Value) ?? false))
                .Where(r => !covered.Contains(r.Id.Value))
                .Select(r => r.Id.Value).ToList();
            if (usable.Count > 0)
                errors.Add(new InputError($"accounts[{a}].workload",
                    $"is required: no pair gives the workload for rep(s) {string.Join(", ", usable.Take(5))}{(usable.Count > 5 ? ", …" : "")}"));
        }
    }

    /// <summary>Workload from a visit policy needs every account's tier in the policy and location, and every rep's home.</summary>
    private void VisitPolicyFields(Visits.VisitPolicy visitPolicy)
    {
        var tiers = string.Join(", ", visitPolicy.Tiers.Keys.Order(StringComparer.Ordinal));
        for (var r = 0; r < reps.Count; r++)
            if (reps[r].Home is null) errors.Add(new InputError($"reps[{r}].home", "is required with a visitPolicy (travel to visits starts at home)"));
        for (var a = 0; a < accounts.Count; a++)
        {
            if (accounts[a].Location is null) errors.Add(new InputError($"accounts[{a}].location", "is required with a visitPolicy (travel to visits)"));
            if (accounts[a].Tier is not { } tier)
                errors.Add(new InputError($"accounts[{a}].tier", $"is required with a visitPolicy (one of {tiers}; territories classify sets it)"));
            else if (!visitPolicy.Tiers.ContainsKey(tier))
                errors.Add(new InputError($"accounts[{a}].tier", $"\"{tier}\" is not a tier of visitPolicy.tiers ({tiers})"));
        }
    }

    private void Travel()
    {
        if (!options.WeightsGiven || options.Weights.Travel == 0) return;
        for (var r = 0; r < reps.Count; r++)
            if (reps[r].Home is null) errors.Add(new InputError($"reps[{r}].home", "is required when the travel weight is given"));
        for (var a = 0; a < accounts.Count; a++)
            if (accounts[a].Location is null) errors.Add(new InputError($"accounts[{a}].location", "is required when the travel weight is given"));
    }

    private void ContiguityFields()
    {
        if (!options.Contiguity) return;
        if (units.Count == 0) errors.Add(new InputError("units", "are required when options.contiguity is true"));
        for (var a = 0; a < accounts.Count; a++)
        {
            if (accounts[a].UnitId is not { } unit)
                errors.Add(new InputError($"accounts[{a}].unitId", "is required when options.contiguity is true"));
            else if (!_unitIds.Contains(unit.Value))
                errors.Add(new InputError($"accounts[{a}].unitId", $"names unknown unit \"{unit}\""));
        }
        // The unit model needs a band fixed in advance; pairs that change workloads make the workload band move with the plan.
        if (options.Balance is { Metric: BalanceMetric.Workload, Tolerance: not null } && (policy is not null || pairs.Any(p => p.Workload is not null)))
            errors.Add(new InputError("options.balance.metric",
                "with contiguity the balance metric must not depend on the rep (pairs give rep-specific workloads); balance on potential, revenue or accounts"));
    }
}
