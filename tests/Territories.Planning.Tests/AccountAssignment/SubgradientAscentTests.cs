using Territories.Planning.AccountAssignment;

namespace Territories.Planning.Tests.AccountAssignment;

public class SubgradientAscentTests
{
    /// <summary>
    /// Two reps of one hour, two accounts of one hour each; rep 0 costs 1 and 3, rep 1 costs 2 and 2. The best plan
    /// (account 0 to rep 0, account 1 to rep 1) costs 3, and so does the Lagrangian dual's optimum. From prices of 0
    /// (no rep takes anything: a bound of 0) the ascent reaches 3, and no bound it reports passes the plan's.
    /// </summary>
    [Fact]
    public void Ascend_OnATinyBook_ReachesTheDualOptimumAndNeverPassesAPlan()
    {
        double[][] cost = [[1, 3], [2, 2]];
        var bounds = new List<double>();

        SubgradientAscent.Ascend([0, 0], target: 3, prices =>
        {
            var result = Lagrangian(cost, prices);
            bounds.Add(result.Bound);
            return result;
        }, CancellationToken.None);

        Assert.Equal(3, bounds.Max(), 6);
        Assert.All(bounds, bound => Assert.True(bound <= 3 + 1e-9, $"bound {bound} passes the plan's 3"));
    }

    /// <summary>Without a target above the start's bound (no plan known) the ascent is the start's knapsacks alone.</summary>
    [Fact]
    public void Ascend_WithoutATargetAboveTheBound_TakesOneStep()
    {
        double[][] cost = [[1, 3], [2, 2]];

        var steps = SubgradientAscent.Ascend([0, 0], target: double.NegativeInfinity, prices => Lagrangian(cost, prices), CancellationToken.None);

        Assert.Equal(1, steps);
    }

    /// <summary>
    /// When every account is taken by exactly one rep's best knapsack, those knapsacks are a plan whose objective is the
    /// bound, so no better bound exists and the ascent stops there.
    /// </summary>
    [Fact]
    public void Ascend_WhenTheKnapsacksFormAPlan_StopsThere()
    {
        double[][] cost = [[1, 3], [3, 1]];

        var steps = SubgradientAscent.Ascend([2, 2], target: 100, prices => Lagrangian(cost, prices), CancellationToken.None);

        Assert.Equal(1, steps);
    }

    /// <summary>
    /// The Lagrangian of a book of one-hour accounts and one-hour reps: each rep takes the account of largest profit
    /// (price less cost) when it is positive.
    /// </summary>
    private static (double Bound, int[] TimesTaken) Lagrangian(double[][] cost, double[] prices)
    {
        var bound = prices.Sum();
        var timesTaken = new int[prices.Length];
        foreach (var repCosts in cost)
        {
            var best = Enumerable.Range(0, prices.Length).MaxBy(a => prices[a] - repCosts[a]);
            if (prices[best] - repCosts[best] <= 0) continue;
            bound -= prices[best] - repCosts[best];
            timesTaken[best]++;
        }
        return (bound, timesTaken);
    }
}
