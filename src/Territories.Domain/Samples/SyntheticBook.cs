using Territories.Domain.Model;

namespace Territories.Domain.Samples;

/// <summary>Settings of a generated book of business.</summary>
/// <param name="Utilization">Total workload over total capacity (0.85 leaves 15% slack).</param>
/// <param name="Imbalance">How lopsided the current plan is: 0 spreads accounts evenly, 1 piles them on a few reps.</param>
/// <param name="Skills">False leaves every account without required skills (territory design on ground, where specialists overlay).</param>
public sealed record SyntheticBookSettings(int Accounts, int Reps, int Seed, double Utilization = 0.85, double Imbalance = 0.6, bool Skills = true);

/// <summary>Where accounts and reps are placed: a point, a weight (population), and the unit it lies in, if any.</summary>
/// <param name="JitterKm">How far (standard deviation) accounts spread around the point.</param>
public sealed record Place(string Name, GeoPoint Point, double Weight, UnitId? Unit = null, double JitterKm = 35);

/// <summary>
/// A seeded, realistic-looking book of business for tests and benchmarks: accounts clustered around cities in the US
/// north-east, tiers A/B/C with matching workloads and lognormal potentials, skill needs (enterprise, healthcare,
/// finance, spanish), reps based in the cities with skills and capacities, and a current plan that is unbalanced the
/// way real ones drift (some reps overloaded, some idle). The same settings always give the same book.
/// </summary>
public static class SyntheticBook
{
    private static readonly Place[] Cities =
    [
        City("New York", 40.71, -74.01, 8.3), City("Philadelphia", 39.95, -75.17, 1.6), City("Boston", 42.36, -71.06, 0.7),
        City("Pittsburgh", 40.44, -79.99, 0.3), City("Baltimore", 39.29, -76.61, 0.6), City("Washington", 38.91, -77.04, 0.7),
        City("Buffalo", 42.89, -78.88, 0.3), City("Hartford", 41.76, -72.67, 0.2), City("Providence", 41.82, -71.41, 0.2),
        City("Albany", 42.65, -73.75, 0.1), City("Rochester", 43.16, -77.61, 0.2), City("Newark", 40.74, -74.17, 0.3),
        City("Allentown", 40.60, -75.49, 0.1), City("Syracuse", 43.05, -76.15, 0.15), City("Portland ME", 43.66, -70.26, 0.07),
    ];

    private static readonly string[] Industries = ["healthcare", "finance", "manufacturing", "retail", "software"];

    public static TerritoryProblem Generate(SyntheticBookSettings settings, SolveOptions? options = null) =>
        Generate(settings, Cities, [], options, $"synthetic {settings.Accounts}x{settings.Reps} seed {settings.Seed}");

    /// <summary>
    /// A book on the given places (e.g. counties with their populations): accounts in proportion to the places' weights,
    /// at least one in every place that has a unit (so every unit of the map has a customer), reps based in places drawn
    /// by weight; <paramref name="units"/> become the problem's units.
    /// </summary>
    public static TerritoryProblem Generate(SyntheticBookSettings settings, IReadOnlyList<Place> places, IReadOnlyList<Unit> units,
        SolveOptions? options, string name)
    {
        var random = new Random(settings.Seed);
        var reps = Enumerable.Range(0, settings.Reps).Select(i => MakeRep(random, i, places)).ToList();
        var everyUnit = places.Where(p => p.Unit is not null).Take(settings.Accounts).ToList();
        var accounts = everyUnit.Concat(Enumerable.Range(everyUnit.Count, settings.Accounts - everyUnit.Count).Select(_ => PickPlace(random, places)))
            .Select((place, i) => MakeAccount(random, i, place, settings.Skills)).ToList();
        if (settings.Skills) accounts = KeepSkillsServable(random, reps, accounts);
        var totalWorkload = accounts.Sum(a => a.Workload ?? 0);
        var capacityScale = totalWorkload / settings.Utilization / reps.Sum(r => r.Capacity);
        reps = reps.Select(r => r with { Capacity = Math.Round(r.Capacity * capacityScale) }).ToList();
        accounts = AssignCurrentOwners(random, reps, accounts, settings.Imbalance);
        var (orgUnits, organised) = SalesOrganisation.Build(reps);
        return TerritoryProblem.Create(organised, accounts, options ?? DefaultOptions, units: units, name: name, orgUnits: orgUnits);
    }

    /// <summary>Travel and disruption weighted equally, workload balanced within ±10% as a hard rule.</summary>
    public static SolveOptions DefaultOptions { get; } = SolveOptions.Default with
    {
        Weights = new ObjectiveWeights(0, 1, 1, 0),
        WeightsGiven = true,
        Balance = new BalanceRule(BalanceMetric.Workload, 0.10),
    };

    private static Place City(string name, double lat, double lon, double weight) => new(name, new GeoPoint(lat, lon), weight);

    private static Rep MakeRep(Random random, int index, IReadOnlyList<Place> places)
    {
        var city = PickPlace(random, places);
        var skills = new HashSet<string>();
        if (random.NextDouble() < 0.45) skills.Add("enterprise");
        foreach (var industry in Industries) if (random.NextDouble() < 0.35) skills.Add(industry);
        if (random.NextDouble() < 0.25) skills.Add("spanish");
        return new Rep(new RepId($"r{index + 1:000}"), $"Rep {index + 1}", Jitter(random, city, Math.Min(15, city.JitterKm)), skills,
            1600 + random.Next(0, 5) * 50, null, city.Name);
    }

    private static Account MakeAccount(Random random, int index, Place place, bool skills)
    {
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
        if (!skills) required.Clear();
        var potential = Math.Round((decimal)(potentialMedian * Math.Exp(0.6 * Gaussian(random))), 0);
        var revenue = tier == "C" ? 0m : Math.Round(potential * (decimal)(0.4 + 0.4 * random.NextDouble()), 0);
        return new Account(new AccountId($"a{index + 1:00000}"), $"Account {index + 1}", Jitter(random, place, place.JitterKm),
            tier == "A" ? "enterprise" : "commercial", tier, required, Math.Round(workload, 1), potential, revenue, null, null, place.Unit);
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

    private static Place PickPlace(Random random, IReadOnlyList<Place> places)
    {
        var draw = random.NextDouble() * places.Sum(c => c.Weight);
        foreach (var place in places)
        {
            draw -= place.Weight;
            if (draw <= 0) return place;
        }
        return places[^1];
    }

    private static GeoPoint Jitter(Random random, Place place, double km)
    {
        var (lat0, lon0) = (place.Point.Lat, place.Point.Lon);
        var lat = Math.Clamp(lat0 + Gaussian(random) * km / 111.0, -90, 90);
        var lon = Math.Clamp(lon0 + Gaussian(random) * km / (111.0 * Math.Cos(lat0 * Math.PI / 180)), -180, 180);
        return new GeoPoint(Math.Round(lat, 5), Math.Round(lon, 5));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
