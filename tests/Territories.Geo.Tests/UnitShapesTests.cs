using Territories.Domain.Contracts;
using Territories.Domain.Model;
using static Territories.Geo.Tests.Squares;

namespace Territories.Geo.Tests;

public class UnitShapesTests
{
    [Fact]
    public void Read_FeaturesWithoutIdsOrWithPoints_NameEachProblemWithItsPath()
    {
        var json = Collection([
            """{ "type": "Feature", "properties": {}, "geometry": { "type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]] } }""",
            Feature("p", """{ "type": "Point", "coordinates": [1, 2] }"""),
            Feature("ok", Polygon(0, 0)), Feature("ok", Polygon(1, 0)),
        ]);

        var error = Assert.Throws<InvalidInputException>(() => UnitShapes.Read(json));

        Assert.Equal(["features[0].id", "features[1].geometry", "features[3].id"], error.Errors.Select(e => e.Path));
    }

    [Fact]
    public void WriteGeoJson_ThenRead_GivesTheSameUnits()
    {
        var units = UnitShapes.Read(Grid3x3());

        var again = UnitShapes.Read(CountyAtlas.WriteGeoJson(units));

        Assert.Equal(units.Select(u => u.Id), again.Select(u => u.Id));
        Assert.All(units.Zip(again), p => Assert.True(p.First.Geometry.EqualsExact(p.Second.Geometry)));
        Assert.Equal("square 12", again.Single(u => u.Id.Value == "s12").Text("name"));
    }

    [Fact]
    public void UnitLocator_FindsTheSquareAPointLiesIn()
    {
        var locator = new UnitLocator(UnitShapes.Read(Grid3x3()));

        Assert.Equal("s12", locator.UnitOf(new GeoPoint(1.5, 2.5))?.Value);
        Assert.Null(locator.UnitOf(new GeoPoint(10, 10)));
    }

    [Fact]
    public void CountyAtlas_SumsPlacePopulationsPerUnit_AndGivesAnInteriorPoint()
    {
        var places = new[] { new PlacePopulation(new GeoPoint(0.5, 0.5), 1000), new PlacePopulation(new GeoPoint(0.2, 0.7), 500), new PlacePopulation(new GeoPoint(2.5, 2.5), 70) };

        var (units, edges) = CountyAtlas.Build(UnitShapes.Read(Grid3x3()), places);

        var facts = units.Select(CountyAtlas.FactsOf).ToDictionary(f => f.Id.Value);
        Assert.Equal(1500, facts["s00"].Population);
        Assert.Equal(70, facts["s22"].Population);
        Assert.Equal(0, facts["s11"].Population);
        Assert.True(facts["s11"].Interior is { Lat: > 1 and < 2, Lon: > 1 and < 2 });
        Assert.Equal(12, edges.Count);
    }
}
