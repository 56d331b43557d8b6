using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using Territories.Domain.Model;
using Territories.Domain.Visits;

namespace Territories.Geo;

/// <summary>
/// One rep's day on the road as a map: the route from home through each stop and back (straight legs), numbered stops
/// with their times, as GeoJSON (a LineString and points) and as a self-contained SVG.
/// </summary>
public static class RouteMap
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static IReadOnlyList<(VisitStop Stop, GeoPoint At)> Stops(TerritoryProblem problem, VisitDay day) =>
        day.Stops.Select(s => (s, problem.Accounts[problem.AccountIndexOf(s.AccountId)].Location!.Value)).ToList();

    private static GeoPoint HomeOf(TerritoryProblem problem, RepId rep) => problem.Reps[problem.RepIndexOf(rep)].Home!.Value;

    public static string GeoJson(TerritoryProblem problem, RepId rep, VisitDay day)
    {
        var home = HomeOf(problem, rep);
        var stops = Stops(problem, day);
        using var writer = new GeoJsonWriter();
        var path = stops.Select(s => s.At).Prepend(home).Append(home).Select(p => new Coordinate(p.Lon, p.Lat)).ToArray();
        writer.Feature($"route-{rep}-{day.Date:yyyy-MM-dd}", Factory.CreateLineString(path), json =>
        {
            json.WriteString("kind", "route");
            json.WriteString("repId", rep.Value);
            json.WriteString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("leave", day.Leave);
            json.WriteString("return", day.Return);
            json.WriteNumber("travelKm", day.TravelKm);
            json.WriteNumber("workMinutes", day.WorkMinutes);
        });
        writer.Feature($"home-{rep}", Factory.CreatePoint(new Coordinate(home.Lon, home.Lat)), json =>
        {
            json.WriteString("kind", "rep");
            json.WriteString("repId", rep.Value);
        });
        for (var i = 0; i < stops.Count; i++)
        {
            var (stop, at) = stops[i];
            writer.Feature(stop.AccountId.Value, Factory.CreatePoint(new Coordinate(at.Lon, at.Lat)), json =>
            {
                json.WriteString("kind", "stop");
                json.WriteNumber("order", i + 1);
                json.WriteString("accountId", stop.AccountId.Value);
                if (stop.Tier is { } tier) json.WriteString("tier", tier);
                json.WriteString("arrival", stop.Arrival);
                json.WriteString("start", stop.Start);
                json.WriteString("end", stop.End);
                json.WriteBoolean("appointment", stop.Appointment);
            });
        }
        return writer.Finish();
    }

    public static string Svg(TerritoryProblem problem, RepId rep, VisitDay day)
    {
        var home = HomeOf(problem, rep);
        var stops = Stops(problem, day);
        var points = stops.Select(s => s.At).Prepend(home).ToList();
        var bounds = new Envelope(points.Min(p => p.Lon), points.Max(p => p.Lon), points.Min(p => p.Lat), points.Max(p => p.Lat));
        bounds.ExpandBy(Math.Max(0.02, Math.Max(bounds.Width, bounds.Height) * 0.08));
        const double width = 720;
        var projection = SvgMap.Projection.Fit(bounds, width - 32);
        var height = projection.Height + 32 + 40;
        var c = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(c, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:0}" viewBox="0 0 {width} {height:0}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(c, $"""<rect width="{width}" height="{height:0}" fill="#ffffff"/>""").Append('\n');
        svg.Append(c, $"""<text x="16" y="{height - 14:0}" font-weight="bold">{SvgMap.Escape($"{rep} {day.Date:yyyy-MM-dd} ({day.Date.DayOfWeek}): leave {day.Leave}, back {day.Return}, {stops.Count} visits, {day.TravelKm.ToString("0.#", c)} km")}</text>""").Append('\n');
        var route = string.Join(" ", points.Append(home).Select(p => projection.Apply(p)).Select(xy => string.Create(c, $"{xy.X:0.#},{xy.Y:0.#}")));
        svg.Append(c, $"""<polyline class="route" points="{route}" fill="none" stroke="{SvgMap.Palette[0]}" stroke-width="2" stroke-linejoin="round"/>""").Append('\n');
        var (hx, hy) = projection.Apply(home);
        svg.Append(c, $"""<path class="rep-home" d="M{hx:0.#},{hy - 7:0.#} L{hx + 7:0.#},{hy:0.#} L{hx:0.#},{hy + 7:0.#} L{hx - 7:0.#},{hy:0.#} Z" fill="#ffffff" stroke="#000000" stroke-width="1.5"><title>{SvgMap.Escape(rep.Value)} home</title></path>""").Append('\n');
        var labels = new List<(double X, double Y)>();
        for (var i = 0; i < stops.Count; i++)
        {
            var (stop, at) = stops[i];
            var (x, y) = projection.Apply(at);
            var fill = stop.Appointment ? SvgMap.Palette[3] : SvgMap.Palette[1];
            svg.Append(c, $"""<circle class="stop" cx="{x:0.#}" cy="{y:0.#}" r="9" fill="{fill}" stroke="#000000"><title>{SvgMap.Escape($"{stop.AccountId} ({stop.Tier}) {stop.Start}-{stop.End}")}</title></circle>""");
            svg.Append(c, $"""<text x="{x:0.#}" y="{y + 4:0.#}" text-anchor="middle" font-weight="bold">{i + 1}</text>""");
            var labelY = y + 4;
            while (labels.Any(l => Math.Abs(l.X - x) < 90 && Math.Abs(l.Y - labelY) < 13)) labelY += 13;
            labels.Add((x, labelY));
            svg.Append(c, $"""<text x="{x + 12:0.#}" y="{labelY:0.#}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{SvgMap.Escape($"{stop.Start} {stop.AccountId}")}</text>""").Append('\n');
        }
        return svg.Append("</svg>\n").ToString();
    }
}
