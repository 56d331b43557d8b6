using Territories.Planning.TerritoryDesign;

namespace Territories.Planning.Tests.TerritoryDesign;

public class DistrictingTests
{
    /// <summary>A 4x4 grid of units with one person each, rook neighbours: 24 edges; unit index = 4 * row + col.</summary>
    private static List<(int, int)> GridEdges(int size) =>
        Enumerable.Range(0, size * size).SelectMany(u => new[] { (u, u + 1), (u, u + size) }
            .Where(e => (e.Item2 == u + 1 && u % size < size - 1) || (e.Item2 == u + size && u + size < size * size))).ToList();

    [Theory]
    [InlineData(2, 4)]   // two 4x2 halves: 4 cut edges
    [InlineData(4, 8)]   // four 2x2 blocks: 8 cut edges (four columns would cut 12)
    public void Solve_Grid_FindsTheFewestCutEdgesWithExactPopulations(int districts, int expectedCut)
    {
        var instance = new DistrictingInstance(Enumerable.Repeat(1L, 16).ToList(), GridEdges(4), districts, 16 / districts, 16 / districts, Contiguous: true);

        var result = Districting.Solve(instance, timeLimitSeconds: 300, workers: 1);

        Assert.True(result.Optimal);
        Assert.Equal(expectedCut, result.CutEdges);
        Assert.All(result.DistrictOf!.GroupBy(d => d), g => Assert.Equal(16 / districts, g.Count()));
    }
}
