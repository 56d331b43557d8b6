using Territories.Domain.Evaluation;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;

namespace Territories.Planning.Tests.AccountAssignment;

public class LpRoundingTests
{
    /// <summary>
    /// The LP rounded where it stands keeps the LP's plan: every hard rule holds, the accounts the LP assigns whole
    /// mostly stay where it puts them, and the plan costs no more than the greedy led by the same LP; whether its repair
    /// goes by the pairs' costs or by the LP's reduced costs.
    /// </summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void Build_FromTheLp_KeepsTheLpsPlanAndBeatsTheGreedy(int seed, bool byReducedCosts)
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(1500, 15, seed));
        var data = AssignmentData.Build(problem, 4);
        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        data = data.WithPairs(lp.Columns);

        Assert.NotNull(lp.ReducedCost);
        var rounded = LpRounding.Build(data, lp.Preferred, ConstructionBudget.Unlimited, byReducedCosts ? lp.ReducedCost : null);
        var greedy = GreedyConstruction.Build(data, lp.Preferred, ConstructionBudget.Unlimited);

        var evaluation = PlanEvaluator.Evaluate(problem, rounded.RepOfAll());
        Assert.True(evaluation.IsFeasible);
        var whole = Enumerable.Range(0, data.AccountCount).Where(a => lp.Integral[a] >= 0).ToList();
        var kept = whole.Count(a => rounded.RepOf(a) == lp.Integral[a]);
        Assert.True(kept >= 0.95 * whole.Count, $"kept {kept} of {whole.Count} whole LP assignments");
        var objective = evaluation.Objective;
        var greedyEvaluation = PlanEvaluator.Evaluate(problem, greedy.RepOfAll());
        Assert.True(!greedyEvaluation.IsFeasible || objective <= greedyEvaluation.Objective, $"rounded {objective}, greedy {greedyEvaluation.Objective}");
    }
}
