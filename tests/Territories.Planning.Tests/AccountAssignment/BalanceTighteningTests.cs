using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;

namespace Territories.Planning.Tests.AccountAssignment;

public class BalanceTighteningTests
{
    /// <summary>
    /// A book whose LP balances the reps closer than the ±10% band with the balance weight on: every plan of the ladder
    /// keeps every real rule, reps end within their narrower band whenever its repair closed it, and the best of them is
    /// nearer fair share and cheaper by the whole objective (balance term included) than the LP rounded within the band.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Round_LpBalancesInsideTheBand_GivesAPlanNearerFairShareThatCostsLess(int seed)
    {
        var problem = Book(seed, balanceWeight: 10);
        var data = AssignmentData.Build(problem, null);
        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        Assert.True(BalanceTightening.Applies(data, lp), $"LP deviation {lp.Deviation}");
        var within = PlanEvaluator.Evaluate(problem, LpRounding.Build(data, lp.Preferred, ConstructionBudget.Unlimited, lp.ReducedCost).RepOfAll());

        var ladder = BalanceTightening.Round(data, lp, CancellationToken.None).ToList();

        Assert.True(ladder.Count >= 5, $"{ladder.Count} narrower bands");
        var evaluations = ladder.Select(rung => (rung.Target, rung.Plan, Evaluation: PlanEvaluator.Evaluate(problem, rung.Plan.RepOfAll()))).ToList();
        Assert.All(evaluations, e => Assert.True(e.Evaluation.IsFeasible, $"within {e.Target}: {string.Join("; ", e.Evaluation.Violations)}"));
        Assert.All(evaluations.Where(e => e.Plan.Violation() <= 0), e => Assert.InRange(e.Evaluation.Kpis.BalanceMaxDeviation, 0, e.Target + 1e-9));
        var best = evaluations.MinBy(e => e.Evaluation.Objective).Evaluation;
        Assert.True(best.Kpis.BalanceMaxDeviation < within.Kpis.BalanceMaxDeviation,
            $"deviation {best.Kpis.BalanceMaxDeviation} against {within.Kpis.BalanceMaxDeviation} within the band");
        Assert.True(best.Objective < within.Objective, $"objective {best.Objective} against {within.Objective} within the band");
    }

    /// <summary>Without the balance weight, or with the LP's largest deviation at the band's edge, there is nothing to tighten.</summary>
    [Fact]
    public void Applies_NoBalanceWeightOrLpAtTheBandsEdge_IsFalse()
    {
        var weighted = AssignmentData.Build(Book(1, balanceWeight: 10), null);
        var unweighted = AssignmentData.Build(Book(1, balanceWeight: 0), null);
        var lp = LpRelaxation.Solve(weighted, TimeSpan.FromMinutes(5), CancellationToken.None)!;

        Assert.True(BalanceTightening.Applies(weighted, lp));
        Assert.False(BalanceTightening.Applies(weighted, lp with { Deviation = weighted.Band!.Tolerance }));
        Assert.False(BalanceTightening.Applies(unweighted, lp));
        Assert.Empty(BalanceTightening.Round(unweighted, lp, CancellationToken.None));
    }

    private static TerritoryProblem Book(int seed, double balanceWeight) =>
        SyntheticBook.Generate(new SyntheticBookSettings(600, 8, seed, Imbalance: 0),
            SyntheticBook.DefaultOptions with { Weights = new ObjectiveWeights(balanceWeight, 1, 1, 0) });
}
