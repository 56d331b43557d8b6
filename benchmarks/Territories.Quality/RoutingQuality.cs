using System.Diagnostics;
using System.Globalization;
using Territories.Planning.Routing;

namespace Territories.Quality;

/// <summary>
/// Routing quality against published best-known values: Solomon's VRPTW instances (distance objective, trunc1 convention:
/// distances and travel times floor(10 d) / 10, so the route solver works in tenths) and Cordeau's periodic VRP instances
/// (real distances, scaled by 1,000 to whole units), routed by the product's <see cref="RouteSolver"/> and
/// <see cref="RuinAndRecreate"/> (or the OR-Tools peer, or days first on pvrp). Every solution is re-checked here,
/// independently of the solver, before its distance counts.
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

    /// <summary>Which search routes the instances.</summary>
    public enum Method { Sisr, OrTools, DaysFirst }

    public static Method ParseMethod(string text) => text switch
    {
        "sisr" => Method.Sisr,
        "ortools" => Method.OrTools,
        "days-first" => Method.DaysFirst,
        _ => throw new FormatException($"--method must be sisr, ortools or days-first, not \"{text}\""),
    };

    public static string Describe(Method method) => method switch
    {
        Method.Sisr => "ruin and recreate (SISR; on pvrp one model over all days)",
        Method.OrTools => "OR-Tools routing (guided local search)",
        _ => "days first (visit combinations chosen greedily), then ruin and recreate on the routes",
    };

    public static IEnumerable<Result> Run(string setFolder, System.Text.RegularExpressions.Regex filter, double seconds, Method method)
    {
        var set = Path.GetFileName(setFolder.TrimEnd('/'));
        var best = BestKnown(Path.Combine(setFolder, "best_known.csv"), set == Solomon ? "trunc1" : "real");
        foreach (var file in Directory.GetFiles(Path.Combine(setFolder, "instances")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!filter.IsMatch(name) || !best.TryGetValue(name, out var bk)) continue;
            yield return set == Solomon ? SolveSolomon(name, File.ReadAllText(file), bk, seconds, method) : SolvePeriodic(name, File.ReadAllText(file), bk, seconds, method);
        }
    }

    private static Dictionary<string, decimal> BestKnown(string csv, string convention) =>
        File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))
            .Where(f => f[1] == "distance" && f[2] == convention)
            .ToDictionary(f => f[0], f => decimal.Parse(f[4], CultureInfo.InvariantCulture));

    private static Result SolveSolomon(string name, string text, decimal bestKnown, double seconds, Method method)
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
        var result = method == Method.OrTools ? OrToolsRouteSolver.Solve(instance, RoutingSearch.For(seconds)) : RouteSolver.Solve(instance, RoutingSearch.For(seconds));
        var check = result.Routes is { } routes ? Check(instance, routes) : "no solution";
        return new Result(Solomon, name, bestKnown, result.Solved ? result.Cost / 10m : null, result.Routes?.Count ?? 0, clock.Elapsed.TotalSeconds, check);
    }

    /// <summary>Every stop once, load within capacity, service within its window after the travel from the stop before, back by the horizon.</summary>
    private static string Check(RoutingInstance instance, IReadOnlyList<Route> routes)
    {
        var seen = new int[instance.Nodes];
        foreach (var stop in routes.SelectMany(r => r.Stops)) seen[stop.Node]++;
        return CheckRoutes(instance, routes) ?? (seen.Skip(1).All(s => s == 1) ? "ok" : "a stop missing or served twice");
    }

    /// <summary>The first rule a route breaks (capacity, a start too early or outside its window, the horizon, the duration, the fleet), or null.</summary>
    private static string? CheckRoutes(RoutingInstance instance, IReadOnlyList<Route> routes)
    {
        if (routes.Count > instance.Vehicles) return "more routes than vehicles";
        foreach (var route in routes)
        {
            long time = route.Leave, load = 0;
            var previous = 0;
            foreach (var stop in route.Stops)
            {
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
        return null;
    }

    private const double Scale = 1000;

    /// <summary>
    /// PVRP, one model (<see cref="Method.Sisr"/>): the product's ruin and recreate over all days at once, a removed
    /// customer reinserted with the visit combination whose days' cheapest positions cost least together. Days first
    /// (<see cref="Method.DaysFirst"/>): each customer's combination chosen greedily before any route (most frequent and
    /// largest first, the combination whose days add the least estimated travel, days filled beyond 90% of the m
    /// vehicles' capacity penalised), then the same search with each customer held to that one combination.
    /// </summary>
    private static Result SolvePeriodic(string name, string text, decimal bestKnown, double seconds, Method method)
    {
        if (method == Method.OrTools) throw new ArgumentException("the OR-Tools peer routes one day; pvrp takes sisr or days-first");
        var numbers = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).Where(l => l.Length > 0).ToList();
        int m = (int)numbers[0][1], n = (int)numbers[0][2], t = (int)numbers[0][3];
        var customers = numbers.Skip(1 + t).Take(n + 1).ToList();
        double Distance(int a, int b) => Math.Sqrt(Math.Pow(customers[a][1] - customers[b][1], 2) + Math.Pow(customers[a][2] - customers[b][2], 2));
        var combinations = Enumerable.Range(0, n + 1).Select(c => c == 0 || customers[c][5] <= 0 ? [] : (IReadOnlyList<int[]>)customers[c].Skip(7).Take((int)customers[c][6])
            .Select(v => (int)v).Select(v => Enumerable.Range(0, t).Where(d => (v & (1 << (t - 1 - d))) != 0).ToArray()).ToList()).ToList();
        var travel = Enumerable.Range(0, n + 1).Select(a => Enumerable.Range(0, n + 1).Select(b => (long)Math.Round(Distance(a, b) * Scale)).ToArray()).ToArray();
        var days = Enumerable.Range(0, t).Select(d =>
        {
            var (duration, capacity) = (numbers[1 + d][0], numbers[1 + d][1]);
            return new RoutingInstance
            {
                Travel = travel,
                Service = customers.Select(c => (long)Math.Round(c[3] * Scale)).ToArray(),
                Windows = customers.Select(_ => (IReadOnlyList<Span>)[]).ToArray(),
                Demand = customers.Select(c => (long)c[4]).ToArray(),
                Capacity = (long)capacity,
                Vehicles = m,
                HorizonEnd = duration > 0 ? (long)(duration * Scale) : long.MaxValue / 8,
                MaxDuration = duration > 0 ? (long)(duration * Scale) : null,
            };
        }).ToList();
        if (method == Method.DaysFirst) combinations = DaysFirst(combinations, customers, Distance, m * numbers[1][1]);
        var instance = new PeriodicInstance { Days = days, Combinations = combinations.Select(c => (VisitDays)new DayCombinations(c)).ToList() };
        var clock = Stopwatch.StartNew();
        var result = RuinAndRecreate.Solve(instance, RoutingSearch.For(seconds));
        var elapsed = clock.Elapsed.TotalSeconds;
        var check = CheckPeriodic(instance, result);
        var total = result.Days.Sum(routes => routes.Sum(route => RealDistance(route, Distance)));
        return new Result(Cordeau, name, bestKnown, Math.Round(total, 2), result.Days.Sum(r => r.Count), elapsed, check);
    }

    /// <summary>Each customer's one combination, chosen greedily before routing (the days-first baseline).</summary>
    private static List<IReadOnlyList<int[]>> DaysFirst(List<IReadOnlyList<int[]>> combinations, List<double[]> customers, Func<int, int, double> distance, double dayCapacity)
    {
        var t = combinations.Where(c => c.Count > 0).SelectMany(c => c).SelectMany(d => d).Max() + 1;
        var onDay = Enumerable.Range(0, t).Select(_ => new List<int>()).ToArray();
        var load = new double[t];
        double DayCost(int d, int c) => onDay[d].Select(o => distance(o, c)).Append(distance(0, c)).Min() * 2
            + (load[d] + customers[c][4] > 0.9 * dayCapacity ? 1e6 : 0);
        var chosen = combinations.Select(_ => (IReadOnlyList<int[]>)[]).ToList();
        foreach (var c in Enumerable.Range(1, combinations.Count - 1).Where(c => combinations[c].Count > 0)
                     .OrderByDescending(c => customers[c][5]).ThenByDescending(c => customers[c][4]))
        {
            var best = combinations[c].MinBy(days => days.Sum(d => DayCost(d, c)))!;
            chosen[c] = [best];
            foreach (var d in best) { onDay[d].Add(c); load[d] += customers[c][4]; }
        }
        return chosen;
    }

    /// <summary>Every day's routes within the rules, and every customer served on exactly the days of one of its allowed combinations.</summary>
    internal static string CheckPeriodic(PeriodicInstance instance, PeriodicResult result)
    {
        var daysOf = Enumerable.Range(0, instance.Nodes).Select(_ => new List<int>()).ToArray();
        for (var d = 0; d < result.Days.Count; d++)
        {
            if (CheckRoutes(instance.Days[d], result.Days[d]) is { } broken) return $"day {d + 1}: {broken}";
            foreach (var stop in result.Days[d].SelectMany(r => r.Stops)) daysOf[stop.Node].Add(d);
        }
        for (var c = 1; c < instance.Nodes; c++)
        {
            if (instance.Combinations[c].Days.Length == 0 && daysOf[c].Count == 0) continue;
            if (!instance.Combinations[c].Allows(daysOf[c])) return daysOf[c].Count == 0 ? "a customer left out" : $"customer {c} on days not of a combination";
        }
        return "ok";
    }

    /// <summary>A route's length in the instance's own (unrounded) distances.</summary>
    private static decimal RealDistance(Route route, Func<int, int, double> distance)
    {
        var path = route.Stops.Select(s => s.Node).Prepend(0).Append(0).ToList();
        return (decimal)path.Zip(path.Skip(1)).Sum(p => distance(p.First, p.Second));
    }
}
