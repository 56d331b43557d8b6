using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using Territories.Domain.Model;
using Territories.Domain.Plans;

namespace Territories.Geo;

/// <summary>
/// A plan as GeoJSON: one feature per territory (the union of its rep's units, with the rep's figures as properties)
/// when unit shapes are known, then one point per account (<c>kind: "account"</c>) and per rep home (<c>kind: "rep"</c>).
/// </summary>
public static class PlanGeoJson
{
    public static string Write(TerritoryProblem problem, Plan plan, IReadOnlyList<UnitShape>? units = null)
    {
        var layers = new PlanLayers(problem, plan, units);
        using var writer = new GeoJsonWriter();
        var summaries = plan.Reps.ToDictionary(r => r.RepId);
        foreach (var territory in layers.Units.Where(u => layers.RepOfUnit.ContainsKey(u.Id)).GroupBy(u => layers.RepOfUnit[u.Id]))
        {
            var shape = UnaryUnionOp.Union(territory.Select(u => u.Geometry).ToList());
            writer.Feature(territory.Key.Value, shape, json =>
            {
                json.WriteString("kind", "territory");
                json.WriteString("repId", territory.Key.Value);
                json.WriteNumber("units", territory.Count());
                if (summaries.TryGetValue(territory.Key, out var s)) WriteSummary(json, s);
            });
        }
        foreach (var account in problem.Accounts.Where(a => a.Location is not null))
            writer.Feature(account.Id.Value, Point(account.Location!.Value), json =>
            {
                json.WriteString("kind", "account");
                json.WriteString("accountId", account.Id.Value);
                if (layers.RepOfAccount.TryGetValue(account.Id, out var rep)) json.WriteString("repId", rep.Value);
                if (account.UnitId is { } unit) json.WriteString("unitId", unit.Value);
                json.WriteNumber("workload", account.Workload ?? 0);
                json.WriteNumber("potential", account.Potential);
            });
        foreach (var rep in problem.Reps.Where(r => r.Home is not null))
            writer.Feature($"home-{rep.Id}", Point(rep.Home!.Value), json =>
            {
                json.WriteString("kind", "rep");
                json.WriteString("repId", rep.Id.Value);
                if (rep.Name is { } name) json.WriteString("name", name);
            });
        return writer.Finish();
    }

    private static void WriteSummary(System.Text.Json.Utf8JsonWriter json, RepSummary s)
    {
        json.WriteNumber("accounts", s.Accounts);
        json.WriteNumber("workload", Math.Round(s.Workload, 1));
        json.WriteNumber("capacity", s.Capacity);
        json.WriteNumber("utilization", Math.Round(s.Utilization, 4));
        json.WriteNumber("potential", s.Potential);
        json.WriteNumber("revenue", s.Revenue);
        json.WriteNumber("travelKm", Math.Round(s.TravelKm, 1));
        json.WriteNumber("movedIn", s.MovedIn);
        json.WriteNumber("movedOut", s.MovedOut);
        json.WriteNumber("deviation", Math.Round(s.Deviation, 4));
    }

    private static Point Point(GeoPoint p) => UnitShapes.Factory.CreatePoint(new Coordinate(p.Lon, p.Lat));
}
