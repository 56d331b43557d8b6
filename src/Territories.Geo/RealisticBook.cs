using Territories.Domain.Model;
using Territories.Domain.Samples;

namespace Territories.Geo;

/// <summary>
/// A rebalancing book of the kind planners bring, on real counties of several states: accounts placed by county
/// population (the atlas has population estimates, not business establishment counts), tiers, workloads and revenues
/// as in <see cref="SyntheticBook"/>; three industry skills plus <c>enterprise</c> for every tier-A account, about 6% of
/// accounts needing two skills (an account spread outside the states goes to the nearest county's interior point); 1% of accounts locked to their current rep; 5% prospects with no current rep and no
/// revenue; <c>maxAccounts</c> at 1.8 times the average book; a ±10% workload band; a current plan that has drifted
/// (reps carrying from about 55% to about 147% of their fair share) with a <c>maxMovedShare</c> of 0.2 (0.15 from
/// <see cref="LargeBook"/> accounts) that binds; weights balance = travel = disruption = 1. The same settings always
/// give the same book.
/// </summary>
public static class RealisticBook
{
    public const int LargeBook = 10_000;
    public const double ProspectShare = 0.05;
    public const double LockedShare = 0.01;
    public const double LowestCurrentLoad = 0.55;
    public const double HighestCurrentLoad = 1.47;

    public static readonly string[] Industries = ["healthcare", "finance", "manufacturing"];

    public const string Enterprise = "enterprise";

    /// <summary>The move cap of the recipe: 0.2, or 0.15 on books of <see cref="LargeBook"/> accounts or more.</summary>
    public static double MaxMovedShare(int accounts) => accounts >= LargeBook ? 0.15 : 0.2;

    public static TerritoryProblem Generate(SyntheticBookSettings settings, IReadOnlyList<UnitShape> counties, IReadOnlyCollection<string> stateFips)
    {
        var inStates = CountyPlaces.InStates(counties, stateFips);
        var places = inStates.Select(c => CountyPlaces.Of(c) with { Unit = null }).ToList();
        var states = string.Join("+", inStates.Select(c => c.Text("state") ?? c.Id.Value[..2]).Distinct());
        var options = SolveOptions.Default with
        {
            Weights = new ObjectiveWeights(1, 1, 1, 0),
            WeightsGiven = true,
            Balance = new BalanceRule(BalanceMetric.Workload, 0.10),
            MaxMovedShare = MaxMovedShare(settings.Accounts),
        };
        var basis = SyntheticBook.Generate(settings with { Skills = false, Imbalance = 0 }, places, [], options,
            $"realistic {states} {settings.Accounts}x{settings.Reps} seed {settings.Seed}");
        var random = new Random(unchecked(settings.Seed * 7919 + 104729));
        var locator = new UnitLocator(inStates);
        var accounts = basis.Accounts.Select(a => a with
        {
            Location = locator.UnitOf(a.Location!.Value) is null ? places.MinBy(p => GreatCircle.DistanceKm(p.Point, a.Location!.Value))!.Point : a.Location,
            RequiredSkills = AccountSkills(random, a.Tier),
        }).ToList();
        var maxAccounts = (int)Math.Ceiling(1.8 * settings.Accounts / settings.Reps);
        var reps = KeepServable(random, basis.Reps.Select((r, i) => r with { Skills = RepSkills(random, i), MaxAccounts = maxAccounts }).ToList(), accounts);
        accounts = DriftedCurrentPlan(random, reps, accounts);
        return TerritoryProblem.Create(reps, accounts, options, name: basis.Name, orgUnits: basis.Org.Units);
    }

    /// <summary>Tier A needs <c>enterprise</c> (and in 30% of cases an industry too); of the rest, 35% need one industry and 3.3% two.</summary>
    private static HashSet<string> AccountSkills(Random random, string? tier)
    {
        var industry = random.Next(Industries.Length);
        var draw = random.NextDouble();
        if (tier == "A") return draw < 0.30 ? [Enterprise, Industries[industry]] : [Enterprise];
        return draw < 0.033 ? [Industries[industry], Industries[(industry + 1) % Industries.Length]]
            : draw < 0.383 ? [Industries[industry]] : [];
    }

    /// <summary>Every rep has one industry (in turn), 30% a second one (the next), half of them <c>enterprise</c>.</summary>
    private static HashSet<string> RepSkills(Random random, int index)
    {
        var skills = new HashSet<string> { Industries[index % Industries.Length] };
        if (random.NextDouble() < 0.30) skills.Add(Industries[(index + 1) % Industries.Length]);
        if (random.NextDouble() < 0.5) skills.Add(Enterprise);
        return skills;
    }

    /// <summary>Every combination of skills that accounts need is held by at least three reps (all, in a smaller team).</summary>
    private static List<Rep> KeepServable(Random random, List<Rep> reps, List<Account> accounts)
    {
        var needed = Math.Min(3, reps.Count);
        foreach (var combination in accounts.Select(a => a.RequiredSkills).Where(s => s.Count > 0)
                     .DistinctBy(s => string.Join(',', s.Order(StringComparer.Ordinal))).ToList())
        {
            while (reps.Count(r => r.HasSkills(combination)) < needed)
            {
                var lacking = Enumerable.Range(0, reps.Count).Where(r => !reps[r].HasSkills(combination)).ToList();
                var i = lacking[random.Next(lacking.Count)];
                reps[i] = reps[i] with { Skills = reps[i].Skills.Union(combination).ToHashSet() };
            }
        }
        return reps;
    }

    /// <summary>
    /// The plan as it drifted: each rep gets a target from 55% to 147% of its fair share (spread evenly, in random order);
    /// going through the accounts in random order, each goes to whichever of its six nearest skilled reps is furthest
    /// below its target. Then 5% become prospects (no current rep, no revenue) and 1% of the rest are locked to their rep.
    /// </summary>
    private static List<Account> DriftedCurrentPlan(Random random, List<Rep> reps, List<Account> accounts)
    {
        var targets = Enumerable.Range(0, reps.Count)
            .Select(i => LowestCurrentLoad + (HighestCurrentLoad - LowestCurrentLoad) * (reps.Count == 1 ? 0.5 : (double)i / (reps.Count - 1)))
            .OrderBy(_ => random.Next()).ToArray();
        var order = Enumerable.Range(0, accounts.Count).OrderBy(_ => random.Next()).ToArray();
        var prospects = order.Take((int)Math.Round(ProspectShare * accounts.Count)).ToHashSet();
        var owned = order.Where(a => !prospects.Contains(a)).ToArray();
        var locked = owned.Take((int)Math.Round(LockedShare * accounts.Count)).ToHashSet();
        var totalCapacity = reps.Sum(r => r.Capacity);
        var total = owned.Sum(a => accounts[a].Workload ?? 0);
        var room = reps.Select((r, i) => targets[i] * total * r.Capacity / totalCapacity).ToArray();
        var target = room.ToArray();
        var result = accounts.ToArray();
        foreach (var a in owned)
        {
            var account = accounts[a];
            var chosen = Enumerable.Range(0, reps.Count).Where(r => reps[r].HasSkills(account.RequiredSkills))
                .OrderBy(r => GreatCircle.DistanceKm(reps[r].Home!.Value, account.Location!.Value)).Take(6)
                .MaxBy(r => room[r] / target[r]);
            room[chosen] -= account.Workload ?? 0;
            result[a] = account with { CurrentRepId = reps[chosen].Id, LockedRepId = locked.Contains(a) ? reps[chosen].Id : null };
        }
        foreach (var a in prospects) result[a] = accounts[a] with { CurrentRepId = null, Revenue = 0 };
        return result.ToList();
    }
}
