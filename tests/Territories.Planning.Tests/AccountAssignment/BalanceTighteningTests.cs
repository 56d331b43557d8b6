using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Plans;
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

    /// <summary>The search after the LP works within the LP's largest deviation plus half a point where that is inside the band.</summary>
    [Fact]
    public void ForSearch_LpInsideTheBand_NarrowsTheBandToTheLpsDeviationAndAMargin()
    {
        var weighted = AssignmentData.Build(Book(1, balanceWeight: 10), null);
        var unweighted = AssignmentData.Build(Book(1, balanceWeight: 0), null);
        var lp = LpRelaxation.Solve(weighted, TimeSpan.FromMinutes(5), CancellationToken.None)!;

        Assert.Equal(lp.Deviation!.Value + 0.005, BalanceTightening.ForSearch(weighted, lp, havePlan: true).Band!.Tolerance, 9);
        Assert.Same(weighted, BalanceTightening.ForSearch(weighted, lp with { Deviation = weighted.Band!.Tolerance - 0.004 }, havePlan: true));
        Assert.Same(unweighted, BalanceTightening.ForSearch(unweighted, lp, havePlan: true));
    }

    /// <summary>
    /// Where the LP balances every rep exactly and a looser balance is worth nearly its weight to it (the LP nearly
    /// indifferent half a point further), the search's band reaches a point beyond fair share; where it is worth less, or
    /// the LP's deviation lies above 0 (its own trade-off, where the worth is near 1 on every book), half a point beyond.
    /// </summary>
    [Fact]
    public void ForSearch_AnExactlyBalancedLpIndifferentToALooserBalance_ReachesAPointBeyondIt()
    {
        var weighted = AssignmentData.Build(Book(1, balanceWeight: 10), null);
        var lp = LpRelaxation.Solve(weighted, TimeSpan.FromMinutes(5), CancellationToken.None)! with { Deviation = 0 };

        Assert.Equal(0.01, BalanceTightening.ForSearch(weighted, lp with { DeviationWorth = 0.95 }, havePlan: true).Band!.Tolerance, 9);
        Assert.Equal(0.005, BalanceTightening.ForSearch(weighted, lp with { DeviationWorth = 0.6 }, havePlan: true).Band!.Tolerance, 9);
        Assert.Equal(0.005, BalanceTightening.ForSearch(weighted, lp with { DeviationWorth = null }, havePlan: true).Band!.Tolerance, 9);
        Assert.Equal(0.025, BalanceTightening.ForSearch(weighted, lp with { Deviation = 0.02, DeviationWorth = 0.95 }, havePlan: true).Band!.Tolerance, 9);
        Assert.Same(weighted, BalanceTightening.ForSearch(weighted, lp with { Deviation = 0.096 }, havePlan: true));
    }

    /// <summary>Until there is a plan the search keeps the problem's band, however well the LP balances the reps: a plan first.</summary>
    [Fact]
    public void ForSearch_NoPlanYet_KeepsTheProblemsBand()
    {
        var weighted = AssignmentData.Build(Book(1, balanceWeight: 10), null);
        var lp = LpRelaxation.Solve(weighted, TimeSpan.FromMinutes(5), CancellationToken.None)!;

        Assert.True(BalanceTightening.ForSearch(weighted, lp, havePlan: true).Band!.Tolerance < weighted.Band!.Tolerance);
        Assert.Same(weighted, BalanceTightening.ForSearch(weighted, lp, havePlan: false));
    }

    /// <summary>
    /// A book small enough to prove whose LP balances the reps exactly: the search runs under the narrower band, yet the
    /// plan is the optimum for the problem's own band and the bound is CP-SAT's under that band (its whole model again
    /// once the narrower one is proven), not the LP's.
    /// </summary>
    [Fact]
    public void Solve_LpInsideTheBand_EndsAtTheOptimumForTheProblemsBandWithCpSatsBound()
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(40, 4, 3, Imbalance: 0),
            SyntheticBook.DefaultOptions with { Weights = new ObjectiveWeights(10, 1, 1, 0), Workers = 1, TimeLimitSeconds = 600 });
        var data = AssignmentData.Build(problem, null);
        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        Assert.True(BalanceTightening.ForSearch(data, lp, havePlan: true).Band!.Tolerance < data.Band!.Tolerance);

        var plan = Problems.Solve(problem, deterministicTime: 20);

        Problems.AssertValid(problem, plan);
        Assert.Equal(Problems.ProvenOptimum(problem, data), plan.Objective);
        Assert.Equal("cp-sat", plan.Solver.BoundSource);
        Assert.True(plan.Gap < 1e-4, $"gap {plan.Gap}");
    }

    private static TerritoryProblem Book(int seed, double balanceWeight) =>
        SyntheticBook.Generate(new SyntheticBookSettings(600, 8, seed, Imbalance: 0),
            SyntheticBook.DefaultOptions with { Weights = new ObjectiveWeights(balanceWeight, 1, 1, 0) });
}
