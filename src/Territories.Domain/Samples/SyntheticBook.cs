using Territories.Domain.Model;

namespace Territories.Domain.Samples;

/// <summary>Settings of a generated book of business.</summary>
/// <param name="Utilization">Total workload over total capacity (0.85 leaves 15% slack).</param>
/// <param name="Imbalance">How lopsided the current plan is: 0 spreads accounts evenly, 1 piles them on a few reps.</param>
public sealed record SyntheticBookSettings(int Accounts, int Reps, int Seed, double Utilization = 0.85, double Imbalance = 0.6);

/// <summary>
/// A seeded, realistic-looking book of business for tests and benchmarks: accounts clustered around cities in the US
/// north-east, tiers A/B/C with matching workloads and lognormal potentials, skill needs (enterprise, healthcare,
/// finance, spanish), reps based in the cities with skills and capacities, and a current plan that is unbalanced the
/// way real ones drift (some reps overloaded, some idle). The same settings always give the same book.
/// </summary>
public static class SyntheticBook
{
    private static readonly (string Name, double Lat, double Lon, double Weight)[] Cities =
    [
        ("New York", 40.71, -74.01, 8.3), ("Philadelphia", 39.95, -75.17, 1.6), ("Boston", 42.36, -71.06, 0.7),
        ("Pittsburgh", 40.44, -79.99, 0.3), ("Baltimore", 39.29, -76.61, 0.6), ("Washington", 38.91, -77.04, 0.7),
        ("Buffalo", 42.89, -78.88, 0.3), ("Hartford", 41.76, -72.67, 0.2), ("Providence", 41.82, -71.41, 0.2),
        ("Albany", 42.65, -73.75, 0.1), ("Rochester", 43.16, -77.61, 0.2), ("Newark", 40.74, -74.17, 0.3),
        ("Allentown", 40.60, -75.49, 0.1), ("Syracuse", 43.05, -76.15, 0.15), ("Portland ME", 43.66, -70.26, 0.07),
    ];

    private static readonly string[] Industries = ["healthcare", "finance", "manufacturing", "retail", "software"];

    public static TerritoryProblem Generate(SyntheticBookSettings settings, SolveOptions? options = null)
    {
        var random = new Random(settings.Seed);
        var reps = Enumerable.Range(0, settings.Reps).Select(i => MakeRep(random, i)).ToList();
        var accounts = Enumerable.Range(0, settings.Accounts).Select(i => MakeAccount(random, i)).ToList();
        accounts = KeepSkillsServable(random, reps, accounts);
        var totalWorkload = accounts.Sum(a => a.Workload ?? 0);
        var capacityScale = totalWorkload / settings.Utilization / reps.Sum(r => r.Capacity);
        reps = reps.Select(r => r with { Capacity = Math.Round(r.Capacity * capacityScale) }).ToList();
        accounts = AssignCurrentOwners(random, reps, accounts, settings.Imbalance);
        return TerritoryProblem.Create(reps, accounts, options ?? DefaultOptions, name: $"synthetic {settings.Accounts}x{settings.Reps} seed {settings.Seed}");
    }

    /// <summary>Travel and disruption weighted equally, workload balanced within ±10% as a hard rule.</summary>
    public static SolveOptions DefaultOptions { get; } = SolveOptions.Default with
    {
        Weights = new ObjectiveWeights(0, 1, 1, 0),
        WeightsGiven = true,
        Balance = new BalanceRule(BalanceMetric.Workload, 0.10),
    };

    private static Rep MakeRep(Random random, int index)
    {
        var city = PickCity(random);
        var skills = new HashSet<string>();
        if (random.NextDouble() < 0.45) skills.Add("enterprise");
        foreach (var industry in Industries) if (random.NextDouble() < 0.35) skills.Add(industry);
        if (random.NextDouble() < 0.25) skills.Add("spanish");
        return new Rep(new RepId($"r{index + 1:000}"), $"Rep {index + 1}", Jitter(random, city, 15), skills,
            1600 + random.Next(0, 5) * 50, null, city.Name);
    }

    private static Account MakeAccount(Random random, int index)
    {
        var city = PickCity(random);
        var tierDraw = random.NextDouble();
        var tier = tierDraw < 0.1 ? "A" : tierDraw < 0.4 ? "B" : "C";
        var (workload, potentialMedian) = tier switch
        {
            "A" => (60 + random.NextDouble() * 60, 400_000.0),
            "B" => (20 + random.NextDouble() * 20, 120_000.0),
            _ => (5 + random.NextDouble() * 10, 30_000.0),
        };
        var required = new HashSet<string>();
        if (tier == "A") required.Add("enterprise");
        if (random.NextDouble() < 0.3) required.Add(Industries[random.Next(Industries.Length)]);
        if (random.NextDouble() < 0.05) required.Add("spanish");
        var potential = Math.Round((decimal)(potentialMedian * Math.Exp(0.6 * Gaussian(random))), 0);
        var revenue = tier == "C" ? 0m : Math.Round(potential * (decimal)(0.4 + 0.4 * random.NextDouble()), 0);
        return new Account(new AccountId($"a{index + 1:00000}"), $"Account {index + 1}", Jitter(random, city, 35),
            tier == "A" ? "enterprise" : "commercial", tier, required, Math.Round(workload, 1), potential, revenue, null, null, null);
    }

    /// <summary>
    /// Keeps generated books feasible by skills: each skill is held by enough reps to carry its share of the work with
    /// room to spare (at least three, or all in a tiny team), and a combination too few reps hold is cut back to its
    /// first skill.
    /// </summary>
    private static List<Account> KeepSkillsServable(Random random, List<Rep> reps, List<Account> accounts)
    {
        var total = accounts.Sum(a => a.Workload ?? 0);
        foreach (var skill in accounts.SelectMany(a => a.RequiredSkills).Distinct().Order(StringComparer.Ordinal).ToList())
        {
            var share = accounts.Where(a => a.RequiredSkills.Contains(skill)).Sum(a => a.Workload ?? 0) / total;
            var needed = Math.Min(reps.Count, Math.Max(3, (int)Math.Ceiling(1.6 * share * reps.Count) + 1));
            while (reps.Count(r => r.Skills.Contains(skill)) < needed)
            {
                var i = random.Next(reps.Count);
                reps[i] = reps[i] with { Skills = reps[i].Skills.Append(skill).ToHashSet() };
            }
        }
        var enough = Math.Min(3, reps.Count);
        return accounts.Select(a => reps.Count(r => r.HasSkills(a.RequiredSkills)) >= enough ? a
            : a with { RequiredSkills = a.RequiredSkills.Order(StringComparer.Ordinal).Take(1).ToHashSet() }).ToList();
    }

    /// <summary>Each account goes to one of its three nearest skilled reps, favouring a few reps as plans drift.</summary>
    private static List<Account> AssignCurrentOwners(Random random, List<Rep> reps, List<Account> accounts, double imbalance)
    {
        var favour = reps.Select(_ => 1 + imbalance * 4 * Math.Pow(random.NextDouble(), 3)).ToArray();
        return accounts.Select(account =>
        {
            var nearest = Enumerable.Range(0, reps.Count).Where(r => reps[r].HasSkills(account.RequiredSkills))
                .OrderBy(r => GreatCircle.DistanceKm(reps[r].Home!.Value, account.Location!.Value)).Take(3).ToList();
            var weights = nearest.Select(r => favour[r]).ToArray();
            var draw = random.NextDouble() * weights.Sum();
            var chosen = nearest[^1];
            for (var i = 0; i < nearest.Count; i++)
            {
                draw -= weights[i];
                if (draw > 0) continue;
                chosen = nearest[i];
                break;
            }
            return account with { CurrentRepId = reps[chosen].Id };
        }).ToList();
    }

    private static (string Name, double Lat, double Lon, double Weight) PickCity(Random random)
    {
        var draw = random.NextDouble() * Cities.Sum(c => c.Weight);
        foreach (var city in Cities)
        {
            draw -= city.Weight;
            if (draw <= 0) return city;
        }
        return Cities[^1];
    }

    private static GeoPoint Jitter(Random random, (string Name, double Lat, double Lon, double Weight) city, double km)
    {
        var lat = city.Lat + Gaussian(random) * km / 111.0;
        var lon = city.Lon + Gaussian(random) * km / (111.0 * Math.Cos(city.Lat * Math.PI / 180));
        return new GeoPoint(Math.Round(lat, 5), Math.Round(lon, 5));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
