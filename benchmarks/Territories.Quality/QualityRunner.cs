using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Territories.Domain.Plans;
using Territories.Domain.Samples;
using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Quality.Peers;

namespace Territories.Quality;

/// <summary>
/// Solution quality against published best-known values: solves every generalised assignment instance of the given
/// sets (OR-Library format, best-known values in each set's <c>best_known.csv</c>) at a fixed time limit and worker
/// count, the median of several seeds, and writes the table as markdown and CSV.
/// </summary>
public static class QualityRunner
{
    public const string Usage = """
        usage: Territories.Quality [--sets DIR[,DIR…]] [--filter REGEX] [--time-limit SECONDS] [--workers N] [--repetitions K] [--peers on|off] [--out DIR]
               Territories.Quality --family realistic --sizes 1000,4000 --seeds 1,2,3 [--counties data/geo/us-counties.geojson] [--time-limit SECONDS] [--peers on|off] [--out DIR]
               Territories.Quality --scale 1000,5000,20000,50000 [--time-limit SECONDS] [--workers N] [--out DIR]
               Territories.Quality --baseline PROBLEM.json [--time-limit SECONDS] [--workers N] [--out DIR]
               Territories.Quality --hiring-scale 3x3x8,6x4x12 [--time-limit SECONDS]   (regions x profiles x quarters)
               Territories.Quality --routing ../shared/benchmarks/vrptw-solomon|../shared/benchmarks/pvrp-cordeau [--filter REGEX] [--time-limit SECONDS] [--method sisr|ortools|days-first] [--out DIR]
               (routing methods: sisr = the product's ruin and recreate, one model over all days on pvrp; ortools = OR-Tools guided local search,
               vrptw only; days-first = pvrp visit combinations chosen greedily first, then ruin and recreate on the routes of each day)
          defaults: the gap-* sets of ../shared/benchmarks, every instance, 30 s, 2 workers, 1 repetition, out benchmarks/results
          a set with graphs_csv/ (districting-validi-buchanan) runs its contiguous variant: cut edges against the published optimum
          a cpmp-* set runs capacitated p-median: total distance against the published optimum
          assignment instances (GAP sets, the realistic family) also run two textbook peers after the engine, one after the
          other with the same limit: plain CP-SAT on the whole contract, and LP-and-fix (GLOP relaxation, integral accounts
          fixed, CP-SAT on the rest); --peers off skips them
          the realistic family: books over real counties (region by seed mod 5; tuning seeds 1-5, the rest held back)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = RunOptions.Parse(args, stderr);
        if (options is null)
        {
            stderr.WriteLine(Usage);
            return 2;
        }
        if (options.HiringScale is { } hiring) return HiringScale.Run(hiring, options.TimeLimit, stdout);
        if (options.Routing is { } routingSet) return await RunRoutingAsync(routingSet, options, stdout);
        if (options.ScaleOne is { } one) return await ScaleCurve.RunOneAsync(one, options.TimeLimit, options.Workers, stdout);
        if (options.Scale is { } sizes) return await RunScaleAsync(sizes, options, stdout);
        if (options.Baseline is { } book)
        {
            var table = await SpreadsheetBaseline.CompareAsync(book, options.TimeLimit, options.Workers);
            stdout.WriteLine(table);
            Directory.CreateDirectory(options.Out);
            await File.WriteAllTextAsync(Path.Combine(options.Out, $"baseline-{Stamp()}.md"), table);
            return 0;
        }
        var instances = (options.Family is { } family ? FamilyInstances(family, stdout) : options.Sets.SelectMany(Instance.InSet))
            .Where(i => options.Filter.IsMatch(i.Name)).ToList();
        if (instances.Count == 0)
        {
            stderr.WriteLine($"no instance found in {(options.Family is null ? string.Join(", ", options.Sets) : "the family")} matching {options.Filter}");
            return 2;
        }
        var rows = new List<Row>();
        stdout.WriteLine(Row.MarkdownHeader);
        foreach (var instance in instances)
        {
            var row = await Measure(instance, options);
            rows.Add(row);
            stdout.WriteLine(row.Markdown());
        }
        Directory.CreateDirectory(options.Out);
        var stamp = Stamp();
        var header = $"Quality at {options.TimeLimit.ToString(CultureInfo.InvariantCulture)} s, {options.Workers} worker(s), median of {options.Repetitions} seed(s); " +
            $"{(options.Peers ? "peers (plain CP-SAT, then LP-and-fix) run after the engine in the same process, same limit and workers; " : "")}{(options.Peers && options.PeerSeed is { } peerSeed ? $"peers' CP-SAT random seed {peerSeed}; " : "")}{Environment.ProcessorCount} cores, {Environment.OSVersion}";
        await File.WriteAllTextAsync(Path.Combine(options.Out, $"quality-{stamp}.md"), $"{header}\n\n{Row.MarkdownHeader}\n{string.Join("\n", rows.Select(r => r.Markdown()))}\n");
        await File.WriteAllTextAsync(Path.Combine(options.Out, $"quality-{stamp}.csv"), $"{Row.CsvHeader}\n{string.Join("\n", rows.Select(r => r.Csv()))}\n");
        stdout.WriteLine($"wrote {rows.Count} row(s) to {options.Out}");
        return rows.All(r => r.Status is PlanStatus.Optimal or PlanStatus.Feasible) ? 0 : 1;
    }

    private static async Task<int> RunRoutingAsync(string set, RunOptions options, TextWriter stdout)
    {
        var header = $"Routing quality at {options.TimeLimit.ToString(CultureInfo.InvariantCulture)} s per instance, {RoutingQuality.Describe(options.RoutingMethod)}, one thread; {Environment.ProcessorCount} cores; load average {Load()}";
        stdout.WriteLine(header);
        stdout.WriteLine(RoutingQuality.MarkdownHeader);
        var rows = new List<RoutingQuality.Result>();
        foreach (var row in RoutingQuality.Run(set, options.Filter, options.TimeLimit, options.RoutingMethod))
        {
            rows.Add(row);
            stdout.WriteLine(row.Markdown());
        }
        var worst = rows.Where(r => r.Gap is not null).MaxBy(r => r.Gap);
        var summary = worst is null ? "no instance solved" : string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} instance(s); worst {worst.Name} {worst.Gap:P2}; mean gap {rows.Where(r => r.Gap is not null).Average(r => r.Gap!.Value):P2}; unsolved or failing the check: {rows.Count(r => r.Check != "ok")}");
        stdout.WriteLine(summary);
        Directory.CreateDirectory(options.Out);
        await File.WriteAllTextAsync(Path.Combine(options.Out, $"routing-{Path.GetFileName(set.TrimEnd('/'))}-{Stamp()}.md"),
            $"{header}\n\n{RoutingQuality.MarkdownHeader}\n{string.Join("\n", rows.Select(r => r.Markdown()))}\n\n{summary}\n");
        return rows.All(r => r.Check == "ok") ? 0 : 1;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Stamp() => DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    private static async Task<int> RunScaleAsync(IReadOnlyList<int> sizes, RunOptions options, TextWriter stdout)
    {
        stdout.WriteLine(ScaleCurve.MarkdownHeader);
        var points = await ScaleCurve.RunAsync(sizes, options.TimeLimit, options.Workers, stdout);
        Directory.CreateDirectory(options.Out);
        var stamp = Stamp();
        await File.WriteAllTextAsync(Path.Combine(options.Out, $"scale-{stamp}.md"), $"{ScaleCurve.MarkdownHeader}\n{string.Join("\n", points.Select(ScaleCurve.Markdown))}\n");
        await File.WriteAllTextAsync(Path.Combine(options.Out, $"scale-{stamp}.svg"), ScaleCurve.Svg(points, options.TimeLimit));
        stdout.WriteLine($"wrote the scale curve to {options.Out}");
        return points.All(p => p.FirstPlanSeconds is not null) ? 0 : 1;
    }

    private static IEnumerable<Instance> FamilyInstances(FamilyOptions family, TextWriter stdout)
    {
        var counties = new Lazy<IReadOnlyList<Geo.UnitShape>>(() => Geo.UnitShapes.Read(File.ReadAllText(family.Counties)));
        foreach (var size in family.Sizes)
        foreach (var seed in family.Seeds)
        {
            stdout.WriteLine($"# {RealisticFamily.NameOf(size, seed)}: {RealisticFamily.Command(family.Counties, size, seed)}");
            yield return new Instance(RealisticFamily.Set, RealisticFamily.NameOf(size, seed), family.Counties, null,
                Generate: () => RealisticFamily.Generate(counties.Value, size, seed));
        }
    }

    private static async Task<Row> Measure(Instance instance, RunOptions options) =>
        instance.IsDistricting ? await DistrictingQuality.Measure(instance, options)
        : MedianQuality.IsMedianSet(instance.Set) ? await MedianQuality.Measure(instance, options)
        : await MeasureAssignment(instance, options);

    /// <summary>
    /// The engine (median of the repetitions), then the two peers once each, on the same problem. The engine's phase log
    /// (what --verbose prints) goes to engine-SET-INSTANCE.log in the output folder, so each row can be explained.
    /// </summary>
    private static async Task<Row> MeasureAssignment(Instance instance, RunOptions options)
    {
        var problem = instance.Generate?.Invoke() ?? OrLibraryGap.Read(await File.ReadAllTextAsync(instance.File), instance.Name, options.TimeLimit);
        var runs = new List<(Plan Plan, double TimeToBest)>();
        Directory.CreateDirectory(options.Out);
        await using var log = new StreamWriter(Path.Combine(options.Out, $"engine-{instance.Set}-{instance.Name}.log")) { AutoFlush = true };
        for (var seed = 0; seed < options.Repetitions; seed++)
        {
            var timeToBest = 0.0;
            var progress = new Progress(s => timeToBest = s.ElapsedSeconds);
            await log.WriteLineAsync($"seed {seed}");
            var plan = await new AssignmentSolver(log: TextWriter.Synchronized(log)).SolveAsync(
                problem.WithOptions(problem.Options with { TimeLimitSeconds = options.TimeLimit, Workers = options.Workers, Seed = seed }), progress);
            runs.Add((plan, timeToBest));
        }
        var median = runs.OrderBy(r => r.Plan.Objective ?? decimal.MaxValue).ElementAt(runs.Count / 2);
        var peers = options.Peers ? PeerComparison.Run(problem, options.TimeLimit, options.Workers, options.PeerSeed) : null;
        var (bound, source) = BestBound(median.Plan, peers);
        return new Row(instance.Set, instance.Name, $"{problem.Reps.Count} x {problem.Accounts.Count}", instance.BestKnown, median.Plan.Objective, bound,
            source, median.Plan.FirstPlanSeconds, median.TimeToBest, median.Plan.Status, peers);
    }

    /// <summary>The highest proven lower bound: the engine's, the peers' LP optimum, or plain CP-SAT's exact bound.</summary>
    private static (decimal? Bound, string? Source) BestBound(Plan plan, PeerComparison? peers) =>
        new (decimal? Bound, string? Source)[] { (plan.Bound, plan.Solver.BoundSource), (peers?.LpBound, "peer lp"), (peers?.ExactBound, "peer cp-sat") }
            .Where(b => b.Bound is not null).OrderByDescending(b => b.Bound).DefaultIfEmpty((null, null)).First();

    /// <summary>Reports on the solver's own thread, so the last better plan's time is known when the solve returns.</summary>
    private sealed class Progress(Action<PlanSnapshot> report) : IProgress<PlanSnapshot>
    {
        public void Report(PlanSnapshot value) => report(value);
    }
}

/// <summary>One instance file of a set, with its best-known (minimisation) value.</summary>
/// <param name="File">The instance file; for a districting instance the path prefix of its <c>.nodes.csv</c> and <c>.edges.csv</c>.</param>
/// <param name="Generate">For a generated instance (the realistic family), makes its problem; File is then the county atlas.</param>
internal sealed record Instance(string Set, string Name, string File, decimal? BestKnown, bool IsDistricting = false, Func<TerritoryProblem>? Generate = null)
{
    public static IEnumerable<Instance> InSet(string set)
    {
        if (Directory.Exists(Path.Combine(set, "graphs_csv"))) return DistrictingQuality.InSet(set);
        var folder = Path.Combine(set, "instances");
        if (!Directory.Exists(folder)) return [];
        var best = ReadBestKnown(Path.Combine(set, "best_known.csv"));
        return Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(f => new Instance(Path.GetFileName(set.TrimEnd('/')), Path.GetFileName(f), f,
                best.GetValueOrDefault(Path.GetFileName(f)) ?? best.GetValueOrDefault(Path.GetFileNameWithoutExtension(f))));
    }

    /// <summary>The minimisation rows of <c>instance,objective,sense,…</c>.</summary>
    public static Dictionary<string, decimal?> ReadBestKnown(string path)
    {
        if (!System.IO.File.Exists(path)) return [];
        return System.IO.File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .Where(c => c.Length >= 3 && c[2] == "min")
            .GroupBy(c => c[0]).ToDictionary(g => g.Key, g => (decimal?)decimal.Parse(g.First()[1], CultureInfo.InvariantCulture));
    }
}

/// <summary>One line of the quality table; <paramref name="Peers"/> only for assignment instances run with the peers.</summary>
internal sealed record Row(string Set, string Instance, string Size, decimal? BestKnown, decimal? Objective, decimal? Bound, string? BoundSource,
    double? FirstPlanSeconds, double TimeToBestSeconds, PlanStatus Status, PeerComparison? Peers = null)
{
    public const string MarkdownHeader = "| set | instance | size (agents x jobs) | best known | objective | gap % | proven bound | bound from | gap to bound % | first plan s | time to best s | status | plain CP-SAT (first plan) | LP-and-fix (first plan) | engine / best peer |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public const string CsvHeader = "set,instance,size,best_known,objective,gap_percent,bound,bound_source,gap_to_bound_percent,first_plan_seconds,time_to_best_seconds,status," +
        "cpsat_objective,cpsat_first_plan_seconds,cpsat_status,lpfix_objective,lpfix_first_plan_seconds,lpfix_status,lp_seconds,lp_fractional_accounts,ratio_to_best_peer";

    public double? GapPercent => Objective is { } o && BestKnown is { } b && b != 0 ? (double)((o - b) / b * 100) : null;

    public double? GapToBoundPercent => Objective is { } o && Bound is { } b ? (double)((o - b) / Math.Max(Math.Abs(o), 1e-9m) * 100) : null;

    /// <summary>Engine objective over the best peer's; below 1 the engine is ahead.</summary>
    public double? RatioToBestPeer => Objective is { } o && Peers?.Best is { } p && p != 0 ? (double)(o / p) : null;

    /// <summary>The ratio, or why there is none: an engine that proved the book infeasible says so (a right answer, not a miss).</summary>
    private string RatioCell => Peers is null ? "" : RatioToBestPeer is { } r ? r.ToString("0.0000", CultureInfo.InvariantCulture)
        : Objective is not null ? "no peer plan" : Status == PlanStatus.Infeasible ? "engine: infeasible, proven" : "engine: no plan";

    public string Markdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Set} | {Instance} | {Size} | {BestKnown} | {Objective:0.####} | {GapPercent:0.00} | {Bound:0.####} | {BoundSource} | {GapToBoundPercent:0.00} | {FirstPlanSeconds:0.0} | {TimeToBestSeconds:0.0} | {Status.ToString().ToLowerInvariant()} | {Peers?.PlainCpSat.Cell()} | {Peers?.LpAndFix.Cell()} | {RatioCell} |");

    public string Csv() => string.Create(CultureInfo.InvariantCulture,
        $"{Set},{Instance},{Size},{BestKnown},{Objective},{GapPercent:0.0000},{Bound},{BoundSource},{GapToBoundPercent:0.0000},{FirstPlanSeconds:0.000},{TimeToBestSeconds:0.000},{Status.ToString().ToLowerInvariant()}," +
        $"{Peers?.PlainCpSat.Objective},{Peers?.PlainCpSat.FirstPlanSeconds:0.000},{Peers?.PlainCpSat.Status},{Peers?.LpAndFix.Objective},{Peers?.LpAndFix.FirstPlanSeconds:0.000},{Peers?.LpAndFix.Status},{Peers?.LpSeconds:0.000},{Peers?.FractionalAccounts},{RatioToBestPeer:0.000000}");
}

/// <summary>A generated family: which sizes and seeds, and the county atlas it is built on.</summary>
internal sealed record FamilyOptions(IReadOnlyList<int> Sizes, IReadOnlyList<int> Seeds, string Counties);

/// <summary>The runner's command line.</summary>
internal sealed record RunOptions(IReadOnlyList<string> Sets, Regex Filter, double TimeLimit, int Workers, int Repetitions, string Out,
    IReadOnlyList<int>? Scale = null, int? ScaleOne = null, string? Baseline = null, FamilyOptions? Family = null, bool Peers = true,
    IReadOnlyList<(int Regions, int Skills, int Quarters)>? HiringScale = null, string? Routing = null,
    RoutingQuality.Method RoutingMethod = RoutingQuality.Method.Sisr, int? PeerSeed = null)
{
    public static RunOptions? Parse(string[] args, TextWriter stderr)
    {
        var shared = Path.Combine("..", "shared", "benchmarks");
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i]] = args[i + 1];
        if (args.Length % 2 != 0 || values.Keys.Any(k => k is not ("--sets" or "--filter" or "--time-limit" or "--workers" or "--repetitions" or "--out" or "--scale" or "--scale-one" or "--baseline" or "--family" or "--sizes" or "--seeds" or "--counties" or "--peers" or "--hiring-scale" or "--routing" or "--method" or "--peer-seed")))
        {
            stderr.WriteLine($"unknown or incomplete options: {string.Join(" ", args)}");
            return null;
        }
        if (values.TryGetValue("--family", out var family) && family != RealisticFamily.Set)
        {
            stderr.WriteLine($"unknown family \"{family}\" (known: {RealisticFamily.Set})");
            return null;
        }
        if (values.GetValueOrDefault("--peers") is { } peers && peers is not ("on" or "off"))
        {
            stderr.WriteLine($"--peers must be on or off, not \"{peers}\"");
            return null;
        }
        var counties = values.GetValueOrDefault("--counties") ?? Path.Combine("data", "geo", "us-counties.geojson");
        if (family is not null && !File.Exists(counties))
        {
            stderr.WriteLine($"--counties: no county atlas at \"{Path.GetFullPath(counties)}\" (run from the repository root, or pass --counties PATH)");
            return null;
        }
        var sets = values.TryGetValue("--sets", out var s) ? s.Split(',') : Directory.Exists(shared) ? Directory.GetDirectories(shared, "gap-*").Order(StringComparer.Ordinal).ToArray() : [];
        try
        {
            return new RunOptions(sets, new Regex(values.GetValueOrDefault("--filter") ?? ".", RegexOptions.None, TimeSpan.FromSeconds(1)),
                double.Parse(values.GetValueOrDefault("--time-limit") ?? "30", CultureInfo.InvariantCulture),
                int.Parse(values.GetValueOrDefault("--workers") ?? "2", CultureInfo.InvariantCulture),
                int.Parse(values.GetValueOrDefault("--repetitions") ?? "1", CultureInfo.InvariantCulture),
                values.GetValueOrDefault("--out") ?? Path.Combine("benchmarks", "results"),
                values.TryGetValue("--scale", out var scale) ? Numbers(scale) : null,
                values.TryGetValue("--scale-one", out var one) ? int.Parse(one, CultureInfo.InvariantCulture) : null,
                values.GetValueOrDefault("--baseline"),
                family is null ? null : new FamilyOptions(Numbers(values.GetValueOrDefault("--sizes") ?? "1000,4000"), Numbers(values.GetValueOrDefault("--seeds") ?? "1,2,3"), counties),
                values.GetValueOrDefault("--peers") != "off",
                values.TryGetValue("--hiring-scale", out var hiring) ? hiring.Split(',').Select(HiringSize).ToList() : null,
                values.GetValueOrDefault("--routing"),
                RoutingQuality.ParseMethod(values.GetValueOrDefault("--method") ?? "sisr"),
                values.TryGetValue("--peer-seed", out var peerSeed) ? PeerSeedOf(peerSeed) : null);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            stderr.WriteLine(e.Message);
            return null;
        }
    }

    private static (int, int, int) HiringSize(string text) => text.Split('x') is [var r, var p, var q]
        ? (int.Parse(r, CultureInfo.InvariantCulture), int.Parse(p, CultureInfo.InvariantCulture), int.Parse(q, CultureInfo.InvariantCulture))
        : throw new FormatException($"--hiring-scale takes sizes such as 3x3x8 (regions x profiles x quarters), not \"{text}\"");

    /// <summary>
    /// The peers' CP-SAT random seed, so that a book can be run again against other draws of the same peer: plain CP-SAT's
    /// plan on a 1,000-account book changes with it by more than the engine's does from run to run.
    /// </summary>
    private static int PeerSeedOf(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : throw new FormatException($"--peer-seed takes a whole number of 0 or more (CP-SAT's random seed for the peers), not \"{text}\"");

    private static List<int> Numbers(string list) => list.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();
}
