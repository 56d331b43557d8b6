using System.Diagnostics;
using System.Globalization;
using System.Text;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;

namespace Territories.Quality;

/// <summary>
/// The scale curve: seeded books of growing size (one rep per 100 accounts), each solved in its own process at a fixed
/// limit so that its peak memory is its own; time to the first feasible plan, gap at the limit, peak working set.
/// Written as a markdown table and an SVG chart.
/// </summary>
internal static class ScaleCurve
{
    public sealed record Point(int Accounts, int Reps, double? FirstPlanSeconds, double? GapPercent, string? BoundSource, double PeakMegabytes);

    /// <summary>Runs one size in this process and prints its point as one CSV line (for the parent).</summary>
    public static async Task<int> RunOneAsync(int accounts, double timeLimit, int workers, TextWriter stdout)
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(accounts, Math.Max(2, accounts / 100), 1));
        problem = problem.WithOptions(problem.Options with { TimeLimitSeconds = timeLimit, Workers = workers });
        var plan = await new AssignmentSolver().SolveAsync(problem);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{accounts},{problem.Reps.Count},{plan.FirstPlanSeconds},{(plan.Gap is { } g ? g * 100 : null)},{plan.Solver.BoundSource},{process.PeakWorkingSet64 / 1048576.0:0}"));
        return 0;
    }

    public static async Task<IReadOnlyList<Point>> RunAsync(IReadOnlyList<int> sizes, double timeLimit, int workers, TextWriter stdout)
    {
        var points = new List<Point>();
        foreach (var size in sizes)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!, [typeof(ScaleCurve).Assembly.Location, "--scale-one",
                size.ToString(CultureInfo.InvariantCulture), "--time-limit", timeLimit.ToString(CultureInfo.InvariantCulture), "--workers", workers.ToString(CultureInfo.InvariantCulture)])
            { RedirectStandardOutput = true };
            if (!Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal)) start.ArgumentList.RemoveAt(0);
            using var child = Process.Start(start)!;
            var line = (await child.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1];
            await child.WaitForExitAsync();
            var c = line.Split(',');
            var point = new Point(int.Parse(c[0], CultureInfo.InvariantCulture), int.Parse(c[1], CultureInfo.InvariantCulture), Number(c[2]), Number(c[3]),
                c[4].Length > 0 ? c[4] : null, double.Parse(c[5], CultureInfo.InvariantCulture));
            points.Add(point);
            stdout.WriteLine(Markdown(point));
        }
        return points;
    }

    public const string MarkdownHeader = "| accounts | reps | first plan s | gap % at the limit | bound from | peak memory MB |\n|---|---|---|---|---|---|";

    public static string Markdown(Point p) => string.Create(CultureInfo.InvariantCulture,
        $"| {p.Accounts:N0} | {p.Reps} | {p.FirstPlanSeconds:0.0} | {(p.GapPercent is { } g ? g.ToString("0.000", CultureInfo.InvariantCulture) : "no bound")} | {p.BoundSource} | {p.PeakMegabytes:N0} |");

    /// <summary>Two panels over log10(accounts): seconds to the first plan, and the gap at the limit on a log scale (missing without a bound).</summary>
    public static string Svg(IReadOnlyList<Point> points, double timeLimit)
    {
        const double width = 800, height = 300, left = 60, top = 30, panel = 260, plot = 200;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12"><rect width="{width}" height="{height}" fill="#ffffff"/>""").Append('\n');
        var minX = Math.Log10(points.Min(p => p.Accounts));
        var maxX = Math.Log10(points.Max(p => p.Accounts));
        void Panel(int index, string title, Func<Point, double?> value, string unit, bool logarithmic)
        {
            var x0 = left + index * (panel + 130);
            var values = points.Select(value).Where(v => v is > 0).Select(v => v!.Value).DefaultIfEmpty(1).ToList();
            var maxY = Math.Max(values.Max() * 1.15, 1e-9);
            var minY = logarithmic ? Math.Pow(10, Math.Floor(Math.Log10(values.Min()))) : 0;
            double X(Point p) => x0 + (maxX > minX ? (Math.Log10(p.Accounts) - minX) / (maxX - minX) : 0.5) * panel;
            double Y(double v) => logarithmic
                ? top + plot - (Math.Log10(Math.Max(v, minY)) - Math.Log10(minY)) / (Math.Log10(maxY) - Math.Log10(minY)) * plot
                : top + plot - v / maxY * plot;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0}" y="{top - 10}" font-weight="bold">{title}</text><line x1="{x0}" y1="{top + plot}" x2="{x0 + panel}" y2="{top + plot}" stroke="#000"/><line x1="{x0}" y1="{top}" x2="{x0}" y2="{top + plot}" stroke="#000"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0 - 6}" y="{top + 4}" text-anchor="end">{maxY:0.##}</text><text x="{x0 - 6}" y="{top + plot}" text-anchor="end">{minY:0.###}</text><text x="{x0 + panel}" y="{top + plot + 34}" text-anchor="end">accounts (log scale); {unit}</text>""");
            var path = string.Join(" ", points.Where(p => value(p) is not null).Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{X(p):0.#},{Y(value(p)!.Value):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"""<path d="{path}" fill="none" stroke="#1f77b4" stroke-width="2"/>""");
            foreach (var p in points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{X(p):0.#}" y="{top + plot + 16}" text-anchor="middle">{p.Accounts / 1000.0:0.#}k</text>""");
                if (value(p) is { } v)
                    svg.Append(CultureInfo.InvariantCulture, $"""<circle class="point" cx="{X(p):0.#}" cy="{Y(v):0.#}" r="4" fill="#1f77b4"/><text x="{X(p) + 6:0.#}" y="{Y(v) - 6:0.#}">{v:0.###}</text>""");
            }
            svg.Append('\n');
        }
        Panel(0, "time to first feasible plan", p => p.FirstPlanSeconds, "seconds", logarithmic: false);
        Panel(1, string.Create(CultureInfo.InvariantCulture, $"gap at {timeLimit:0} s (log scale)"), p => p.GapPercent, "% above the proven bound", logarithmic: true);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static double? Number(string text) => text.Length > 0 ? double.Parse(text, CultureInfo.InvariantCulture) : null;
}
