using static Territories.Geo.Tests.Squares;

namespace Territories.Geo.Tests;

public class UnitAdjacencyTests
{
    private static HashSet<string> Pairs(IEnumerable<UnitEdge> edges) =>
        edges.Select(e => string.CompareOrdinal(e.A.Value, e.B.Value) < 0 ? $"{e.A}-{e.B}" : $"{e.B}-{e.A}").ToHashSet();

    [Fact]
    public void FromShapes_Grid_RookHasTheTwelveSharedSides_QueenAddsTheEightCorners()
    {
        var units = UnitShapes.Read(Grid3x3());

        var rook = UnitAdjacency.FromShapes(units, Touching.Rook);
        var queen = UnitAdjacency.FromShapes(units, Touching.Queen);

        Assert.Equal(12, rook.Count);
        Assert.Equal(20, queen.Count);
        Assert.Contains("s00-s01", Pairs(rook));
        Assert.DoesNotContain("s00-s11", Pairs(rook));
        Assert.Contains("s00-s11", Pairs(queen));
        Assert.All(rook.Concat(queen), e => Assert.False(e.Bridged));
    }

    [Fact]
    public void FromShapes_MultiPolygonUnit_NeighboursEachOfItsParts()
    {
        // m is two squares: one left of a, one right of b; a and b touch each other.   [m] [a] [b] [m]
        var multi = $$"""{ "type": "MultiPolygon", "coordinates": [ {{Square(0, 0)}}, {{Square(3, 0)}} ] }""";
        var units = UnitShapes.Read(Collection([Feature("m", multi), Feature("a", Polygon(1, 0)), Feature("b", Polygon(2, 0))]));

        var edges = Pairs(UnitAdjacency.FromShapes(units));

        Assert.Equal(["a-b", "a-m", "b-m"], edges.Order());
    }

    [Fact]
    public void FromShapes_Island_IsBridgedToItsNearestUnitAndFlagged()
    {
        // a b touch; the island i lies 2 degrees right of b and 5 right of a.
        var units = UnitShapes.Read(Collection([Feature("a", Polygon(0, 0)), Feature("b", Polygon(1, 0)), Feature("i", Polygon(4, 0))]));

        var edges = UnitAdjacency.FromShapes(units);

        var bridge = Assert.Single(edges, e => e.Bridged);
        Assert.Equal("b-i", Pairs([bridge]).Single());
        Assert.Single(edges, e => !e.Bridged);
    }

    [Fact]
    public void ToUnits_ListsNeighboursBothWays()
    {
        var shapes = UnitShapes.Read(Grid3x3());

        var units = UnitAdjacency.ToUnits(shapes, UnitAdjacency.FromShapes(shapes)).ToDictionary(u => u.Id.Value);

        Assert.Equal(["s01", "s10", "s12", "s21"], units["s11"].Neighbors.Select(n => n.Value));
        Assert.Equal(["s01", "s10"], units["s00"].Neighbors.Select(n => n.Value));
    }
}
