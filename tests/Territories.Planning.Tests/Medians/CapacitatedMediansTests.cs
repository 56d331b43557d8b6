using Territories.Planning.Medians;

namespace Territories.Planning.Tests.Medians;

public class CapacitatedMediansTests
{
    [Fact]
    public void Solve_TwoClustersOnALine_OpensTheirMiddlesAndProvesIt()
    {
        // Points at 0, 1, 2 and 10, 11, 12, one unit of demand each, capacity 3: medians 1 and 11, total distance 4.
        double[] at = [0, 1, 2, 10, 11, 12];
        var instance = new CapacitatedMedianInstance([1, 1, 1, 1, 1, 1], [3, 3, 3, 3, 3, 3], 2, (i, j) => Math.Abs(at[i] - at[j]));

        var result = CapacitatedMedians.Solve(instance, timeLimitSeconds: 300, workers: 1);

        Assert.True(result.Optimal);
        Assert.Equal(4, result.Objective);
        Assert.Equal([1, 1, 1, 4, 4, 4], result.MedianOf!);
    }

    [Fact]
    public void Solve_CapacityTooSmallForTheNearestMedian_SendsTheOverflowFurther()
    {
        // Capacity 2 and p = 3: one cluster gets one median for two of its points and its third point crosses (2 -> 10,
        // cost 8); the other cluster's two medians each take one more point (cost 1 each): 1 + 8 + 1 = 10 at best.
        double[] at = [0, 1, 2, 10, 11, 12];
        var instance = new CapacitatedMedianInstance([1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2], 3, (i, j) => Math.Abs(at[i] - at[j]));

        var result = CapacitatedMedians.Solve(instance, timeLimitSeconds: 300, workers: 1);

        Assert.True(result.Optimal);
        Assert.All(result.MedianOf!.GroupBy(m => m), g => Assert.True(g.Count() <= 2));
        Assert.Equal(result.MedianOf!.Select((m, i) => Math.Abs(at[i] - at[m])).Sum(), result.Objective);
        Assert.Equal(10, result.Objective);
    }
}
