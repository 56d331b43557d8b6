using System.Diagnostics;
using System.Globalization;
using Territories.Planning.Routing;

namespace Territories.Quality;

/// <summary>
/// Routing quality against published best-known values: Solomon's VRPTW instances (distance objective, trunc1 convention:
/// distances and travel times floor(10 d) / 10, so the route solver works in tenths) and Cordeau's periodic VRP instances
/// (real distances, scaled by 1,000 to whole units; visit combinations chosen first, then a route set per day). Every
/// solution is re-checked here, independently of the solver, before its distance counts.
/// </summary>
public static class RoutingQuality
{
    public const string Solomon = "vrptw-solomon";
    public const string Cordeau = "pvrp-cordeau";
    public const string MarkdownHeader = "| set | instance | best known | ours | gap | routes | seconds | check |\n|---|---|---|---|---|---|---|---|";

    public sealed record Result(string Set, string Name, decimal BestKnown, decimal? Ours, int Routes, double Seconds, string Check)
    {
        public double? Gap => Ours is { } o ? (double)((o - BestKnown) / BestKnown) : null;

        public string Markdown() => string.Create(CultureInfo.InvariantCulture,
            $"| {Set} | {Name} | {BestKnown} | {Ours?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"} | {(Gap is { } g ? g.ToString("P2", CultureInfo.InvariantCulture) : "-")} | {Routes} | {Seconds:0.0} | {Check} |");
    }

    public static IEnumerable<Result> Run(string setFolder, System.Text.RegularExpressions.Regex filter, double seconds)
    {
        var set = Path.GetFileName(setFolder.TrimEnd('/'));
        var best = BestKnown(Path.Combine(setFolder, "best_known.csv"), set == Solomon ? "trunc1" : "real");
        foreach (var file in Directory.GetFiles(Path.Combine(setFolder, "instances")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!filter.IsMatch(name) || !best.TryGetValue(name, out var bk)) continue;
            yield return set == Solomon ? SolveSolomon(name, File.ReadAllText(file), bk, seconds) : SolvePeriodic(name, File.ReadAllText(file), bk, seconds);
        }
    }

    private static Dictionary<string, decimal> BestKnown(string csv, string convention) =>
        File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))
            .Where(f => f[1] == "distance" && f[2] == convention)
            .ToDictionary(f => f[0], f => decimal.Parse(f[4], CultureInfo.InvariantCulture));

    private static Result SolveSolomon(string name, string text, decimal bestKnown, double seconds)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var fleet = lines[lines.IndexOf("VEHICLE") + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        var nodes = lines.SkipWhile(l => !l.StartsWith("CUST NO", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var travel = nodes.Select(a => nodes.Select(b => (long)Math.Floor(10 * Math.Sqrt(Math.Pow(a[1] - b[1], 2) + Math.Pow(a[2] - b[2], 2)) + 1e-9)).ToArray()).ToArray();
        var instance = new RoutingInstance
        {
            Travel = travel,
            Service = nodes.Select(n => n[6] * 10).ToArray(),
            Windows = nodes.Select((n, i) => i == 0 ? [] : (IReadOnlyList<Span>)[new Span(n[4] * 10, n[5] * 10)]).ToArray(),
            Demand = nodes.Select(n => n[3]).ToArray(),
            Capacity = fleet[1],
            Vehicles = (int)fleet[0],
            HorizonEnd = nodes[0][5] * 10,
        };
        var clock = Stopwatch.StartNew();
        var result = RouteSolver.Solve(instance, new RoutingSearch(seconds));
        var check = result.Routes is { } routes ? Check(instance, routes) : "no solution";
        return new Result(Solomon, name, bestKnown, result.Solved ? result.Cost / 10m : null, result.Routes?.Count ?? 0, clock.Elapsed.TotalSeconds, check);
    }

    /// <summary>Every stop once, load within capacity, service within its window after the travel from the stop before, back by the horizon.</summary>
    private static string Check(RoutingInstance instance, IReadOnlyList<Route> routes)
    {
        var seen = new int[instance.Nodes];
        foreach (var route in routes)
        {
            long time = route.Leave, load = 0;
            var previous = 0;
            foreach (var stop in route.Stops)
            {
                seen[stop.Node]++;
                load += instance.Demand?[stop.Node] ?? 0;
                var earliest = time + instance.Service[previous] + instance.Travel[previous][stop.Node];
                if (stop.Start < earliest) return $"node {stop.Node} starts too early";
                if (instance.Windows[stop.Node].Count > 0 && !instance.Windows[stop.Node].Any(w => w.From <= stop.Start && stop.Start <= w.To)) return $"node {stop.Node} outside its window";
                time = stop.Start;
                previous = stop.Node;
            }
            if (load > instance.Capacity) return "over capacity";
            var back = time + instance.Service[previous] + instance.Travel[previous][0];
            if (back > instance.HorizonEnd) return "back after the horizon";
            if (instance.MaxDuration is { } limit && back - route.Leave > limit) return "route too long";
        }
        return seen.Skip(1).All(s => s == 1) ? "ok" : "a stop missing or served twice";
    }

    private const double Scale = 1000;

    /// <summary>
    /// PVRP: each customer's visit combination is chosen greedily (most frequent and largest customers first; the
    /// combination whose days add the least estimated insertion cost, days filled beyond 90% of the m vehicles' capacity
    /// penalised), then each day is routed with m vehicles, capacity Q and duration D. A customer a day cannot take moves
    /// to another of its combinations and the days it touches are routed again (up to three rounds). Half the time limit
    /// goes to the first routing of the days, the rest to the repairs.
    /// </summary>
    private static Result SolvePeriodic(string name, string text, decimal bestKnown, double seconds)
    {
        var numbers = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).Where(l => l.Length > 0).ToList();
        int m = (int)numbers[0][1], n = (int)numbers[0][2], t = (int)numbers[0][3];
        var (duration, capacity) = (numbers[1][0], numbers[1][1]);
        var customers = numbers.Skip(1 + t).Take(n + 1).ToList();
        double Distance(int a, int b) => Math.Sqrt(Math.Pow(customers[a][1] - customers[b][1], 2) + Math.Pow(customers[a][2] - customers[b][2], 2));
        List<List<int>> CombosOf(int c) => customers[c].Skip(7).Take((int)customers[c][6]).Select(v => (int)v)
            .Select(v => Enumerable.Range(0, t).Where(d => (v & (1 << (t - 1 - d))) != 0).ToList()).ToList();
        var onDay = Enumerable.Range(0, t).Select(_ => new List<int>()).ToArray();
        var load = new double[t];
        var comboOf = new List<int>?[n + 1];
        var refused = new HashSet<(int Customer, int Day)>();
        double DayCost(int d, int c) => onDay[d].Select(o => Distance(o, c)).Append(Distance(0, c)).Min() * 2
            + (load[d] + customers[c][4] > 0.9 * m * capacity ? 1e6 : 0) + (refused.Contains((c, d)) ? 1e9 : 0);
        void Place(int c)
        {
            var best = CombosOf(c).MinBy(days => days.Sum(d => DayCost(d, c)))!;
            comboOf[c] = best;
            foreach (var d in best) { onDay[d].Add(c); load[d] += customers[c][4]; }
        }
        foreach (var c in Enumerable.Range(1, n).Where(c => customers[c][5] > 0).OrderByDescending(c => customers[c][5]).ThenByDescending(c => customers[c][4])) Place(c);

        var clock = Stopwatch.StartNew();
        var dayRoutes = new (IReadOnlyList<Route> Routes, List<int> Nodes, RoutingInstance Instance)?[t];
        var dirty = Enumerable.Range(0, t).ToHashSet();
        for (var round = 0; round < 4 && dirty.Count > 0; round++)
        {
            var limit = round == 0 ? seconds / (2 * t) : Math.Max(0.2, (seconds - clock.Elapsed.TotalSeconds) / (3 * dirty.Count));
            var moved = new List<int>();
            foreach (var d in dirty.Order())
            {
                var nodes = onDay[d].Prepend(0).ToList();
                var instance = new RoutingInstance
                {
                    Travel = nodes.Select(a => nodes.Select(b => (long)Math.Round(Distance(a, b) * Scale)).ToArray()).ToArray(),
                    Service = nodes.Select(i => (long)Math.Round(customers[i][3] * Scale)).ToArray(),
                    Windows = nodes.Select(_ => (IReadOnlyList<Span>)[]).ToArray(),
                    Demand = nodes.Select(i => (long)customers[i][4]).ToArray(),
                    Capacity = (long)capacity,
                    Vehicles = m,
                    HorizonEnd = duration > 0 ? (long)(duration * Scale) : long.MaxValue / 8,
                    MaxDuration = duration > 0 ? (long)(duration * Scale) : null,
                    // A customer the day's vehicles cannot take is left out at a prohibitive cost, then moved to another combination.
                    DropPenalty = nodes.Select(_ => (long)1e12).ToArray(),
                };
                var result = RouteSolver.Solve(instance, new RoutingSearch(limit));
                dayRoutes[d] = (result.Routes ?? [], nodes, instance);
                foreach (var node in result.Dropped) { refused.Add((nodes[node], d)); moved.Add(nodes[node]); }
            }
            dirty.Clear();
            if (round == 3) break;
            foreach (var c in moved.Distinct())
            {
                foreach (var d in comboOf[c]!) { onDay[d].Remove(c); load[d] -= customers[c][4]; dirty.Add(d); }
                Place(c);
                foreach (var d in comboOf[c]!) dirty.Add(d);
            }
        }
        var checks = dayRoutes.Where(r => r is not null).Select(r => Check(r!.Value.Instance, r.Value.Routes)).ToList();
        var total = dayRoutes.Where(r => r is not null).Sum(r => r!.Value.Routes.Sum(route => RealDistance(route, r.Value.Nodes, Distance)));
        var check = checks.FirstOrDefault(c => c != "ok") ?? "ok";
        return new Result(Cordeau, name, bestKnown, Math.Round(total, 2), dayRoutes.Sum(r => r?.Routes.Count ?? 0), clock.Elapsed.TotalSeconds, check);
    }

    /// <summary>A route's length in the instance's own (unrounded) distances.</summary>
    private static decimal RealDistance(Route route, List<int> nodes, Func<int, int, double> distance)
    {
        var path = route.Stops.Select(s => nodes[s.Node]).Prepend(0).Append(0).ToList();
        return (decimal)path.Zip(path.Skip(1)).Sum(p => distance(p.First, p.Second));
    }
}
