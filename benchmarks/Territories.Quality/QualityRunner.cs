using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Territories.Domain.Plans;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;

namespace Territories.Quality;

/// <summary>
/// Solution quality against published best-known values: solves every generalised assignment instance of the given
/// sets (OR-Library format, best-known values in each set's <c>best_known.csv</c>) at a fixed time limit and worker
/// count, the median of several seeds, and writes the table as markdown and CSV.
/// </summary>
public static class QualityRunner
{
    public const string Usage = """
        usage: Territories.Quality [--sets DIR[,DIR…]] [--filter REGEX] [--time-limit SECONDS] [--workers N] [--repetitions K] [--out DIR]
               Territories.Quality --scale 1000,5000,20000,50000 [--time-limit SECONDS] [--workers N] [--out DIR]
               Territories.Quality --baseline PROBLEM.json [--time-limit SECONDS] [--workers N] [--out DIR]
               Territories.Quality --hiring-scale 3x3x8,6x4x12 [--time-limit SECONDS]   (regions x profiles x quarters)
          defaults: the gap-* sets of ../shared/benchmarks, every instance, 30 s, 2 workers, 1 repetition, out benchmarks/results
          a set with graphs_csv/ (districting-validi-buchanan) runs its contiguous variant: cut edges against the published optimum
          a cpmp-* set runs capacitated p-median: total distance against the published optimum
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
        var instances = options.Sets.SelectMany(Instance.InSet).Where(i => options.Filter.IsMatch(i.Name)).ToList();
        if (instances.Count == 0)
        {
            stderr.WriteLine($"no instance found in {string.Join(", ", options.Sets)} matching {options.Filter}");
            return 2;
        }
        var rows = new List<Row>();
        foreach (var instance in instances)
        {
            var row = await Measure(instance, options);
            rows.Add(row);
            stdout.WriteLine(row.Markdown());
        }
        Directory.CreateDirectory(options.Out);
        var stamp = Stamp();
        var header = $"Quality at {options.TimeLimit.ToString(CultureInfo.InvariantCulture)} s, {options.Workers} worker(s), median of {options.Repetitions} seed(s); {Environment.ProcessorCount} cores, {Environment.OSVersion}";
        await File.WriteAllTextAsync(Path.Combine(options.Out, $"quality-{stamp}.md"), $"{header}\n\n{Row.MarkdownHeader}\n{string.Join("\n", rows.Select(r => r.Markdown()))}\n");
        await File.WriteAllTextAsync(Path.Combine(options.Out, $"quality-{stamp}.csv"), $"{Row.CsvHeader}\n{string.Join("\n", rows.Select(r => r.Csv()))}\n");
        stdout.WriteLine($"wrote {rows.Count} row(s) to {options.Out}");
        return rows.All(r => r.Status is PlanStatus.Optimal or PlanStatus.Feasible) ? 0 : 1;
    }

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

    private static async Task<Row> Measure(Instance instance, RunOptions options) =>
        instance.IsDistricting ? await DistrictingQuality.Measure(instance, options)
        : MedianQuality.IsMedianSet(instance.Set) ? await MedianQuality.Measure(instance, options)
        : await MeasureGap(instance, options);

    private static async Task<Row> MeasureGap(Instance instance, RunOptions options)
    {
        var runs = new List<(Plan Plan, double TimeToBest)>();
        for (var seed = 0; seed < options.Repetitions; seed++)
        {
            var problem = OrLibraryGap.Read(await File.ReadAllTextAsync(instance.File), instance.Name, options.TimeLimit);
            problem = problem.WithOptions(problem.Options with { Workers = options.Workers, Seed = seed });
            var timeToBest = 0.0;
            var progress = new Progress(s => timeToBest = s.ElapsedSeconds);
            var plan = await new AssignmentSolver().SolveAsync(problem, progress);
            runs.Add((plan, timeToBest));
        }
        var median = runs.OrderBy(r => r.Plan.Objective ?? decimal.MaxValue).ElementAt(runs.Count / 2);
        var size = OrLibraryGap.Size(await File.ReadAllTextAsync(instance.File));
        return new Row(instance.Set, instance.Name, $"{size.Agents} x {size.Jobs}", instance.BestKnown, median.Plan.Objective, median.Plan.Bound,
            median.Plan.Solver.BoundSource, median.Plan.FirstPlanSeconds, median.TimeToBest, median.Plan.Status);
    }

    /// <summary>Reports on the solver's own thread, so the last better plan's time is known when the solve returns.</summary>
    private sealed class Progress(Action<PlanSnapshot> report) : IProgress<PlanSnapshot>
    {
        public void Report(PlanSnapshot value) => report(value);
    }
}

/// <summary>One instance file of a set, with its best-known (minimisation) value.</summary>
/// <param name="File">The instance file; for a districting instance the path prefix of its <c>.nodes.csv</c> and <c>.edges.csv</c>.</param>
internal sealed record Instance(string Set, string Name, string File, decimal? BestKnown, bool IsDistricting = false)
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

/// <summary>One line of the quality table.</summary>
internal sealed record Row(string Set, string Instance, string Size, decimal? BestKnown, decimal? Objective, decimal? Bound, string? BoundSource,
    double? FirstPlanSeconds, double TimeToBestSeconds, PlanStatus Status)
{
    public const string MarkdownHeader = "| set | instance | size (agents x jobs) | best known | objective | gap % | proven bound | bound from | first plan s | time to best s | status |\n|---|---|---|---|---|---|---|---|---|---|---|";

    public const string CsvHeader = "set,instance,size,best_known,objective,gap_percent,bound,bound_source,first_plan_seconds,time_to_best_seconds,status";

    public double? GapPercent => Objective is { } o && BestKnown is { } b && b != 0 ? (double)((o - b) / b * 100) : null;

    public string Markdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Set} | {Instance} | {Size} | {BestKnown} | {Objective} | {GapPercent:0.00} | {Bound:0.##} | {BoundSource} | {FirstPlanSeconds:0.0} | {TimeToBestSeconds:0.0} | {Status.ToString().ToLowerInvariant()} |");

    public string Csv() => string.Create(CultureInfo.InvariantCulture,
        $"{Set},{Instance},{Size},{BestKnown},{Objective},{GapPercent:0.0000},{Bound},{BoundSource},{FirstPlanSeconds:0.000},{TimeToBestSeconds:0.000},{Status.ToString().ToLowerInvariant()}");
}

/// <summary>The runner's command line.</summary>
internal sealed record RunOptions(IReadOnlyList<string> Sets, Regex Filter, double TimeLimit, int Workers, int Repetitions, string Out,
    IReadOnlyList<int>? Scale = null, int? ScaleOne = null, string? Baseline = null, IReadOnlyList<(int Regions, int Skills, int Quarters)>? HiringScale = null)
{
    public static RunOptions? Parse(string[] args, TextWriter stderr)
    {
        var shared = Path.Combine("..", "shared", "benchmarks");
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i]] = args[i + 1];
        if (args.Length % 2 != 0 || values.Keys.Any(k => k is not ("--sets" or "--filter" or "--time-limit" or "--workers" or "--repetitions" or "--out" or "--scale" or "--scale-one" or "--baseline" or "--hiring-scale")))
        {
            stderr.WriteLine($"unknown or incomplete options: {string.Join(" ", args)}");
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
                values.TryGetValue("--scale", out var scale) ? scale.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList() : null,
                values.TryGetValue("--scale-one", out var one) ? int.Parse(one, CultureInfo.InvariantCulture) : null,
                values.GetValueOrDefault("--baseline"),
                values.TryGetValue("--hiring-scale", out var hiring) ? hiring.Split(',').Select(HiringSize).ToList() : null);
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
}
