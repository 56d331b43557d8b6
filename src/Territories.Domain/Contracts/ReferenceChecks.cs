using Territories.Domain.Model;

namespace Territories.Domain.Contracts;

/// <summary>
/// Checks that span fields: unique ids, references that resolve, and fields that a rule or weight makes required.
/// The checks of everything but the accounts run first (<see cref="Frame"/>), then each account's as it is read
/// (<see cref="Account"/>), then those that need every account's id (<see cref="Finish"/>), so that a dataset's
/// accounts can be checked one at a time as they stream in.
/// </summary>
internal sealed class ReferenceChecks(
    IReadOnlyList<Rep> reps, IReadOnlyList<Unit> units, IReadOnlyList<Pair> pairs,
    SolveOptions options, List<InputError> errors, Visits.VisitPolicy? policy = null)
{
    private readonly Dictionary<string, int> _repIndex = [];
    private readonly Dictionary<string, int> _accountIndex = [];
    private readonly HashSet<string> _unitIds = [];
    private Dictionary<string, HashSet<string>> _pairWorkloads = [];
    private Dictionary<string, HashSet<string>> _pairReps = [];

    /// <summary>Everything that does not need the accounts.</summary>
    public void Frame()
    {
        UniqueIds(reps.Select(r => r.Id.Value), "reps", _repIndex);
        UniqueIds(units.Select(u => u.Id.Value), "units", null, _unitIds);
        UnitNeighbors();
        Pairs();
        if (policy is not null)
            for (var r = 0; r < reps.Count; r++)
                if (reps[r].Home is null) errors.Add(new InputError($"reps[{r}].home", "is required with a visitPolicy (travel to visits starts at home)"));
        if (TravelWeighted)
            for (var r = 0; r < reps.Count; r++)
                if (reps[r].Home is null) errors.Add(new InputError($"reps[{r}].home", "is required when the travel weight is given"));
        ContiguityFields();
        if (options.PairsOnly && pairs.Count == 0) errors.Add(new InputError("options.pairsOnly", "is true but no pairs are given"));
    }

    /// <summary>The account at <paramref name="a"/>: its id unique so far, its lock, and the fields the options and the visit policy require.</summary>
    public void Account(int a, Account account)
    {
        if (_accountIndex.TryGetValue(account.Id.Value, out var first))
            errors.Add(new InputError($"accounts[{a}].id", $"duplicate id \"{account.Id.Value}\" (first at accounts[{first}])"));
        else _accountIndex[account.Id.Value] = a;
        if (account.LockedRepId is { } locked && !_repIndex.ContainsKey(locked.Value))
            errors.Add(new InputError($"accounts[{a}].lockedRepId", $"names unknown rep \"{locked}\""));
        if (policy is null) Workload(a, account);
        else VisitPolicyFields(a, account, policy);
        if (TravelWeighted && account.Location is null)
            errors.Add(new InputError($"accounts[{a}].location", "is required when the travel weight is given"));
        if (options.Contiguity) UnitOf(a, account);
    }

    /// <summary>The references to accounts, once every account has been read.</summary>
    public void Finish()
    {
        for (var p = 0; p < pairs.Count; p++)
            if (!_accountIndex.ContainsKey(pairs[p].AccountId.Value))
                errors.Add(new InputError($"pairs[{p}].accountId", $"names unknown account \"{pairs[p].AccountId}\""));
    }

    private bool TravelWeighted => options.WeightsGiven && options.Weights.Travel != 0;

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

    /// <summary>Checks the pairs' reps and duplicates; keeps, per account id, the reps paired with it and those whose pair gives a workload.</summary>
    private void Pairs()
    {
        var seen = new Dictionary<(string, string), int>();
        for (var p = 0; p < pairs.Count; p++)
        {
            var pair = pairs[p];
            if (!_repIndex.ContainsKey(pair.RepId.Value))
                errors.Add(new InputError($"pairs[{p}].repId", $"names unknown rep \"{pair.RepId}\""));
            if (!seen.TryAdd((pair.AccountId.Value, pair.RepId.Value), p))
                errors.Add(new InputError($"pairs[{p}]", $"duplicate pair ({pair.AccountId}, {pair.RepId}), first at pairs[{seen[(pair.AccountId.Value, pair.RepId.Value)]}]"));
            if (pair.Workload is not null)
            {
                if (!_pairWorkloads.TryGetValue(pair.AccountId.Value, out var set)) _pairWorkloads[pair.AccountId.Value] = set = [];
                set.Add(pair.RepId.Value);
            }
        }
        _pairReps = pairs.GroupBy(p => p.AccountId.Value).ToDictionary(g => g.Key, g => g.Select(p => p.RepId.Value).ToHashSet());
    }

    /// <summary>An account's workload is required unless pairs give it for every rep the account may use.</summary>
    private void Workload(int a, Account account)
    {
        if (account.Workload is not null) return;
        var covered = _pairWorkloads.GetValueOrDefault(account.Id.Value) ?? [];
        var usable = reps.Where(r => account.LockedRepId is not { } l || l == r.Id)
            .Where(r => r.HasSkills(account.RequiredSkills))
            .Where(r => !options.PairsOnly || (_pairReps.GetValueOrDefault(account.Id.Value)?.Contains(r.Id.Value) ?? false))
            .Where(r => !covered.Contains(r.Id.Value))
            .Select(r => r.Id.Value).ToList();
        if (usable.Count > 0)
            errors.Add(new InputError($"accounts[{a}].workload",
                $"is required: no pair gives the workload for rep(s) {string.Join(", ", usable.Take(5))}{(usable.Count > 5 ? ", …" : "")}"));
    }

    /// <summary>Workload from a visit policy needs every account's tier in the policy and location (and every rep's home, in <see cref="Frame"/>).</summary>
    private void VisitPolicyFields(int a, Account account, Visits.VisitPolicy visitPolicy)
    {
        if (account.Location is null) errors.Add(new InputError($"accounts[{a}].location", "is required with a visitPolicy (travel to visits)"));
        if (account.Tier is not { } tier)
            errors.Add(new InputError($"accounts[{a}].tier", $"is required with a visitPolicy (one of {TiersOf(visitPolicy)}; territories classify sets it)"));
        else if (!visitPolicy.Tiers.ContainsKey(tier))
            errors.Add(new InputError($"accounts[{a}].tier", $"\"{tier}\" is not a tier of visitPolicy.tiers ({TiersOf(visitPolicy)})"));
    }

    private static string TiersOf(Visits.VisitPolicy visitPolicy) => string.Join(", ", visitPolicy.Tiers.Keys.Order(StringComparer.Ordinal));

    private void UnitOf(int a, Account account)
    {
        if (account.UnitId is not { } unit)
            errors.Add(new InputError($"accounts[{a}].unitId", "is required when options.contiguity is true"));
        else if (!_unitIds.Contains(unit.Value))
            errors.Add(new InputError($"accounts[{a}].unitId", $"names unknown unit \"{unit}\""));
    }

    private void ContiguityFields()
    {
        if (!options.Contiguity) return;
        if (units.Count == 0) errors.Add(new InputError("units", "are required when options.contiguity is true"));
        // The unit model needs a band fixed in advance; pairs that change workloads make the workload band move with the plan.
        if (options.Balance is { Metric: BalanceMetric.Workload, Tolerance: not null } && (policy is not null || pairs.Any(p => p.Workload is not null)))
            errors.Add(new InputError("options.balance.metric",
                "with contiguity the balance metric must not depend on the rep (pairs give rep-specific workloads); balance on potential, revenue or accounts"));
    }
}
