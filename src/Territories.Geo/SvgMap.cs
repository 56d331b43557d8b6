using System.Globalization;
using System.Security;
using System.Text;
using NetTopologySuite.Geometries;
using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Geo;

/// <summary>
/// A plan as a self-contained SVG map for reports (no tile server): units filled in their rep's colour (or accounts as
/// dots when there are no shapes), rep homes as outlined diamonds with their ids, and a legend with each rep's accounts,
/// workload and utilisation. Longitude is scaled by the cosine of the map's middle latitude so shapes keep their form.
/// </summary>
public static class SvgMap
{
    public const double Width = 960;
    private const double LegendWidth = 300;
    private const double Margin = 16;

    /// <summary>Twenty colours far enough apart to tell neighbours apart (Tableau 20).</summary>
    public static readonly string[] Palette =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    ];

    public static string Render(TerritoryProblem problem, Plan plan, IReadOnlyList<UnitShape>? units = null)
    {
        var layers = new PlanLayers(problem, plan, units);
        var projection = Projection.Fit(Bounds(layers), Width - LegendWidth - 2 * Margin);
        var height = Math.Max(projection.Height + 2 * Margin, 76 + 22 * problem.Reps.Count);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height:0}" viewBox="0 0 {Width} {height:0}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height:0}" fill="#ffffff"/>""").Append('\n');
        foreach (var unit in layers.Units)
        {
            var fill = layers.RepOfUnit.TryGetValue(unit.Id, out var rep) ? Colour(layers, rep) : "#eeeeee";
            svg.Append(CultureInfo.InvariantCulture, $"""<path class="unit" d="{PathOf(unit.Geometry, projection)}" fill="{fill}" fill-opacity="0.85" stroke="#ffffff" stroke-width="0.6"><title>{Escape(unit.Text("name") ?? unit.Id.Value)} ({Escape(unit.Id.Value)}){(rep is { } r ? $": {Escape(r.Value)}" : "")}</title></path>""").Append('\n');
        }
        if (layers.Units.Count == 0)
        {
            foreach (var account in problem.Accounts.Where(a => a.Location is not null))
            {
                var (x, y) = projection.Apply(account.Location!.Value);
                var fill = layers.RepOfAccount.TryGetValue(account.Id, out var rep) ? Colour(layers, rep) : "#999999";
                svg.Append(CultureInfo.InvariantCulture, $"""<circle class="account" cx="{x:0.#}" cy="{y:0.#}" r="2.2" fill="{fill}"/>""").Append('\n');
            }
        }
        var labels = new List<(double X, double Y)>();
        foreach (var rep in problem.Reps.Where(r => r.Home is not null))
        {
            var (x, y) = projection.Apply(rep.Home!.Value);
            svg.Append(CultureInfo.InvariantCulture, $"""<path class="rep-home" d="M{x:0.#},{y - 6:0.#} L{x + 6:0.#},{y:0.#} L{x:0.#},{y + 6:0.#} L{x - 6:0.#},{y:0.#} Z" fill="{Colour(layers, rep.Id)}" stroke="#000000" stroke-width="1.2"/>""");
            var labelY = y + 4;
            while (labels.Any(l => Math.Abs(l.X - x) < 40 && Math.Abs(l.Y - labelY) < 12)) labelY += 12;
            labels.Add((x, labelY));
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + 8:0.#}" y="{labelY:0.#}" font-weight="bold" stroke="#ffffff" stroke-width="3" paint-order="stroke">{Escape(rep.Id.Value)}</text>""").Append('\n');
        }
        Legend(svg, layers);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Legend(StringBuilder svg, PlanLayers layers)
    {
        var x = Width - LegendWidth + Margin;
        var plan = layers.Plan;
        var status = plan.Status.ToString().ToLowerInvariant() +
            (plan.Objective is { } o ? string.Create(CultureInfo.InvariantCulture, $", objective {o:0.####}") : "") +
            (plan.Gap is { } g ? string.Create(CultureInfo.InvariantCulture, $", gap {g:0.##%}") : "");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x:0}" y="{Margin + 12:0}" font-weight="bold">{Escape(layers.Problem.Name ?? "plan")}</text>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x:0}" y="{Margin + 28:0}">{Escape(status)}</text>""").Append('\n');
        var summaries = plan.Reps.ToDictionary(r => r.RepId);
        var y = Margin + 52;
        foreach (var rep in layers.Problem.Reps)
        {
            var text = summaries.TryGetValue(rep.Id, out var s)
                ? string.Create(CultureInfo.InvariantCulture, $"{rep.Id}: {s.Accounts} accounts, {s.Workload:N0} h ({s.Utilization:0%})")
                : $"{rep.Id}: no accounts";
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="legend-entry"><rect x="{x:0}" y="{y - 10:0}" width="14" height="12" fill="{Colour(layers, rep.Id)}"/><text x="{x + 20:0}" y="{y:0}">{Escape(text)}</text></g>""").Append('\n');
            y += 22;
        }
    }

    private static string Colour(PlanLayers layers, RepId rep) => Palette[layers.RepIndex.GetValueOrDefault(rep) % Palette.Length];

    private static Envelope Bounds(PlanLayers layers)
    {
        var envelope = new Envelope();
        foreach (var unit in layers.Units) envelope.ExpandToInclude(unit.Geometry.EnvelopeInternal);
        if (layers.Units.Count == 0)
        {
            foreach (var a in layers.Problem.Accounts.Where(a => a.Location is not null)) envelope.ExpandToInclude(a.Location!.Value.Lon, a.Location.Value.Lat);
        }
        foreach (var r in layers.Problem.Reps.Where(r => r.Home is not null)) envelope.ExpandToInclude(r.Home!.Value.Lon, r.Home.Value.Lat);
        if (envelope.IsNull) envelope.ExpandToInclude(0, 0);
        envelope.ExpandBy(Math.Max(envelope.Width, envelope.Height) * 0.02 + 1e-3);
        return envelope;
    }

    private static string PathOf(Geometry geometry, Projection projection)
    {
        var d = new StringBuilder();
        for (var g = 0; g < geometry.NumGeometries; g++)
        {
            if (geometry.GetGeometryN(g) is not Polygon polygon) continue;
            foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                var first = true;
                foreach (var c in ring.Coordinates)
                {
                    var (x, y) = projection.Apply(new GeoPoint(c.Y, c.X));
                    d.Append(CultureInfo.InvariantCulture, $"{(first ? 'M' : 'L')}{x:0.#},{y:0.#}");
                    first = false;
                }
                d.Append('Z');
            }
        }
        return d.ToString();
    }

    internal static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    /// <summary>Equirectangular, longitude shrunk by cos(middle latitude), fitted into a width.</summary>
    internal sealed record Projection(Envelope Bounds, double Scale, double LonFactor, double Height)
    {
        public static Projection Fit(Envelope bounds, double width)
        {
            var lonFactor = Math.Cos((bounds.MinY + bounds.MaxY) / 2 * Math.PI / 180);
            var scale = width / Math.Max(1e-9, bounds.Width * lonFactor);
            scale = Math.Min(scale, 700 / Math.Max(1e-9, bounds.Height));
            return new Projection(bounds, scale, lonFactor, bounds.Height * scale);
        }

        public (double X, double Y) Apply(GeoPoint p) =>
            (Margin + (p.Lon - Bounds.MinX) * LonFactor * Scale, Margin + (Bounds.MaxY - p.Lat) * Scale);
    }
}
