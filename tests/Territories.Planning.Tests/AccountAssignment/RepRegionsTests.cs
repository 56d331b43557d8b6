using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Tests.Shared;

namespace Territories.Planning.Tests.AccountAssignment;

public class RepRegionsTests
{
    /// <summary>
    /// Eight reps along a parallel, one degree apart, each holding 100 accounts to decide, at most 250 a region: the reps
    /// are cut into neighbouring pairs (west to east), never a far rep with a near one.
    /// </summary>
    [Fact]
    public void Split_RepsAlongAParallel_GivesNeighbouringPairs()
    {
        var problem = Line(8);

        var regions = RepRegions.Split(problem, Enumerable.Repeat(100, 8).ToArray(), 250);

        Assert.Equal([[0, 1], [2, 3], [4, 5], [6, 7]], regions.Select(r => r.Order().ToArray()).ToArray());
    }

    /// <summary>A rep with nothing to decide is in no region; a rep holding more than a region may is a region of its own.</summary>
    [Fact]
    public void Split_RepsWithNothingOrTooMuch_LeavesOutOrAlone()
    {
        var problem = Line(4);

        var regions = RepRegions.Split(problem, [100, 0, 500, 100], 250);

        Assert.Equal([0, 2, 3], regions.SelectMany(r => r).Order().ToArray());
        Assert.Contains(regions, r => r.SequenceEqual([2]));
        Assert.All(regions, r => Assert.True(r.Length == 1 || r.Sum(rep => rep == 2 ? 500 : 100) <= 250));
    }

    private static TerritoryProblem Line(int reps)
    {
        var all = Enumerable.Range(0, reps).Select(i => Build.Rep($"r{i}", home: new GeoPoint(40, -100 + i))).ToArray();
        var accounts = Enumerable.Range(0, reps).Select(i => Build.Account($"a{i}", location: new GeoPoint(40, -100 + i))).ToArray();
        return TerritoryProblem.Create(all, accounts);
    }
}
