using System.Text.Json;
using System.Text.RegularExpressions;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using static Territories.Geo.Tests.Squares;
using static Territories.Tests.Shared.Build;

namespace Territories.Geo.Tests;

public class SvgMapTests
{
    /// <summary>Nine squares; r1 takes the left column (s00, s10, s20), r2 the rest; r3 has nothing.</summary>
    private static (TerritoryProblem Problem, Plan Plan, IReadOnlyList<UnitShape> Units) LeftColumnPlan()
    {
        var units = UnitShapes.Read(Grid3x3());
        var accounts = units.Select(u => Account($"a-{u.Id}", unit: u.Id.Value, location: new GeoPoint(u.Geometry.Centroid.Y, u.Geometry.Centroid.X))).ToList();
        var reps = new[] { Rep("r1", home: new GeoPoint(1.5, 0.5)), Rep("r2", home: new GeoPoint(1.5, 2.5)), Rep("r3") };
        var problem = TerritoryProblem.Create(reps, accounts, units: UnitAdjacency.ToUnits(units, UnitAdjacency.FromShapes(units)));
        var assignments = accounts.Select(a => new Assignment(a.Id, new RepId(a.UnitId!.Value.Value.EndsWith('0') ? "r1" : "r2"))).ToList();
        var evaluation = Domain.Evaluation.PlanEvaluator.Evaluate(problem, assignments);
        var plan = new Plan(PlanStatus.Feasible, evaluation.Objective, null, null, 1, 0.1, assignments, evaluation.Reps, evaluation.Kpis,
            evaluation.ObjectiveTerms, new SolveReport(null, null, 1, "test"), []);
        return (problem, plan, units);
    }

    [Fact]
    public void Render_WithUnits_DrawsOnePathPerUnitInItsRepsColour_AndALegendEntryPerRep()
    {
        var (problem, plan, units) = LeftColumnPlan();

        var svg = SvgMap.Render(problem, plan, units);

        Assert.Equal(9, Regex.Count(svg, "<path class=\"unit\""));
        Assert.Equal(3, Regex.Count(svg, "<g class=\"legend-entry\""));
        Assert.Equal(3, Regex.Count(svg, $"class=\"unit\" d=\"[^\"]*\" fill=\"{SvgMap.Palette[0]}\""));
        Assert.Equal(6, Regex.Count(svg, $"class=\"unit\" d=\"[^\"]*\" fill=\"{SvgMap.Palette[1]}\""));
        Assert.Equal(2, Regex.Count(svg, "class=\"rep-home\""));
        Assert.Contains("r3: 0 accounts", svg);
        System.Xml.Linq.XDocument.Parse(svg);
    }

    [Fact]
    public void Render_WithoutUnits_DrawsTheAccountsAsPoints()
    {
        var (problem, plan, _) = LeftColumnPlan();

        var svg = SvgMap.Render(problem, plan);

        Assert.Equal(9, Regex.Count(svg, "<circle class=\"account\""));
        Assert.Equal(0, Regex.Count(svg, "class=\"unit\""));
    }

    [Fact]
    public void PlanGeoJson_HasOneTerritoryPerRepWithItsFigures_AndEveryAccount()
    {
        var (problem, plan, units) = LeftColumnPlan();

        using var document = JsonDocument.Parse(PlanGeoJson.Write(problem, plan, units));

        var features = document.RootElement.GetProperty("features").EnumerateArray().ToList();
        var territories = features.Where(f => f.GetProperty("properties").GetProperty("kind").GetString() == "territory").ToList();
        Assert.Equal(["r1", "r2"], territories.Select(t => t.GetProperty("id").GetString()));
        var left = territories[0];
        Assert.Equal("Polygon", left.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(3, left.GetProperty("properties").GetProperty("accounts").GetInt32());
        Assert.Equal(9, features.Count(f => f.GetProperty("properties").GetProperty("kind").GetString() == "account"));
    }
}
