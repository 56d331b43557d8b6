using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;

namespace Territories.Planning.Tests.AccountAssignment;

public class LpRelaxationTests
{
    private static AssignmentData Book() => AssignmentData.Build(SyntheticBook.Generate(new SyntheticBookSettings(300, 6, 3)), null);

    /// <summary>The relaxation of a feasible book has a bound no plan can beat: it is at most the greedy plan's objective.</summary>
    [Fact]
    public void Solve_AFeasibleBook_GivesABoundBelowAConstructedPlan()
    {
        var data = Book();
        var plan = GreedyConstruction.Build(data, null, ConstructionBudget.Unlimited);

        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.NotNull(lp);
        Assert.True(lp.Bound <= (double)PlanEvaluator.Evaluate(data.Problem, plan.RepOfAll()).Objective + 1e-6);
    }

    /// <summary>
    /// The band and the capacity both read each rep's workload sum, which the LP keeps as a variable of its own: a band
    /// too wide to bind leaves the bound exactly where the capacities alone put it (a GAP book, whose capacities bind: the
    /// bound lies above every job at its cheapest agent; its workloads depend on the agent, so the band is relative to the
    /// plan's total).
    /// </summary>
    [Fact]
    public void Solve_ABandThatNeverBinds_LeavesTheCapacitiesBoundUnchanged()
    {
        var capacitiesOnly = AssignmentData.Build(Problems.Gap(5, 40, 3), null);
        var wideBand = AssignmentData.Build(Problems.Gap(5, 40, 3, balance: new BalanceRule(BalanceMetric.Workload, 50)), null);
        Assert.NotNull(wideBand.Band);

        var bound = LpRelaxation.Solve(capacitiesOnly, TimeSpan.FromMinutes(5), CancellationToken.None)!.Bound;

        Assert.Equal(bound, LpRelaxation.Solve(wideBand, TimeSpan.FromMinutes(5), CancellationToken.None)!.Bound, 1e-6 * bound);
        Assert.True(bound > capacitiesOnly.Cost.Sum(costs => costs.Min()) + 1e-6 * bound, "the capacities do not bind: nothing to show");
    }

    /// <summary>A run cancelled (by its user or its time limit) before the LP starts gets no LP, at once.</summary>
    [Fact]
    public void Solve_Cancelled_ReturnsNoRelaxation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(LpRelaxation.Solve(Book(), TimeSpan.FromMinutes(5), cancelled.Token));
    }

    /// <summary>
    /// An LP cut after a few pricing rounds (the time ran out) still gives a valid bound, below the LP's optimum over
    /// every pair, and a close one: the cut bound is what a large book reports when the LP does not finish.
    /// </summary>
    [Fact]
    public void Solve_CutBeforeThePricingEnds_GivesAValidAndCloseBound()
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(400, 8, 5));
        var data = AssignmentData.Build(problem, 2);
        var full = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        var unpruned = LpRelaxation.Solve(AssignmentData.Build(problem, null), TimeSpan.FromMinutes(5), CancellationToken.None)!;
        Assert.True(full.PricingRounds >= 2, $"the book needs several pricing rounds, took {full.PricingRounds}");
        // Pricing stops once its bound is within a ten-thousandth of the LP's value.
        Assert.InRange(full.Bound, unpruned.Bound - 1e-4 * Math.Max(1, Math.Abs(unpruned.Bound)), unpruned.Bound + 1e-9);

        for (var rounds = 1; rounds < full.PricingRounds; rounds++)
        {
            var cut = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None, maxRounds: rounds)!;
            Assert.True(cut.Bound <= unpruned.Bound + 1e-9, $"round {rounds}: {cut.Bound} above the optimum {unpruned.Bound}");
            if (rounds == full.PricingRounds - 1)
                Assert.True(cut.Bound >= unpruned.Bound - 0.02 * Math.Abs(unpruned.Bound), $"round {rounds}: {cut.Bound} far below the optimum {unpruned.Bound}");
        }
    }

    /// <summary>
    /// A pruned book's LP started from each account's few cheapest candidates (as large books' LPs start) ends at the
    /// same optimum as the LP over every eligible pair (within the ten-thousandth at which pricing stops), without
    /// needing every candidate.
    /// </summary>
    [Fact]
    public void Solve_APrunedBook_StartsFromTheCheapestCandidatesAndReachesTheOptimum()
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(400, 12, 7));
        var data = AssignmentData.Build(problem, 8);

        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None, initialCheapest: LpRelaxation.InitialCheapest)!;

        var unpruned = LpRelaxation.Solve(AssignmentData.Build(problem, null), TimeSpan.FromMinutes(5), CancellationToken.None)!;
        Assert.InRange(lp.Bound, unpruned.Bound - 1e-4 * Math.Max(1, Math.Abs(unpruned.Bound)), unpruned.Bound + 1e-9);
        Assert.True(lp.Columns.Count < data.PairCount, $"{lp.Columns.Count} columns of {data.PairCount} candidates");
    }

    /// <summary>
    /// When the restricted start has no solution (here: no candidate besides each account's current and seed rep, on a
    /// book whose seed plan breaks a rule), the LP takes every candidate before it says anything: it ends at the same
    /// optimum, never "infeasible".
    /// </summary>
    [Fact]
    public void Solve_ARestrictedStartWithoutASolution_StillReachesTheOptimum()
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(300, 10, 11, Utilization: 0.97));
        var data = AssignmentData.Build(problem, 8);
        Assert.False(PlanEvaluator.Evaluate(problem, data.Seed).IsFeasible, "the seed plan keeps every rule: nothing to show");

        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None, initialCheapest: 0)!;

        var unpruned = LpRelaxation.Solve(AssignmentData.Build(problem, null), TimeSpan.FromMinutes(5), CancellationToken.None)!;
        Assert.False(lp.IsInfeasible);
        Assert.InRange(lp.Bound, unpruned.Bound - 1e-4 * Math.Max(1, Math.Abs(unpruned.Bound)), unpruned.Bound + 1e-9);
    }

    /// <summary>
    /// On a pruned book (the reps it prices in), each account lists its cheapest rep first and only eligible reps within
    /// the window; an account the LP splits lists at least two reps it is nearly indifferent between (what LP-and-fix frees
    /// on large books), and nearly every account the LP gives whole lists that rep at the cheapest (pricing stops once its
    /// bound is within a ten-thousandth of the LP's value, so a few may keep a slightly cheaper pair unpriced).
    /// </summary>
    [Fact]
    public void Solve_APrunedBook_ListsTheRepsNearEachAccountsCheapest()
    {
        var data = AssignmentData.Build(SyntheticBook.Generate(new SyntheticBookSettings(400, 8, 5)), 2);

        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;

        Assert.Equal(data.AccountCount, lp.NearCheapest.Count);
        Assert.All(Enumerable.Range(0, data.AccountCount), a =>
        {
            var near = lp.NearCheapest[a];
            Assert.Equal(0, near[0].Above);
            Assert.Equal(near.OrderBy(e => e.Above), near);
            Assert.All(near, e => Assert.InRange(e.Above, 0, LpRelaxation.NearCheapestWindow));
            Assert.All(near, e => Assert.True(data.Problem.IsEligible(a, e.Rep)));
            if (lp.Integral[a] < 0) Assert.True(near.Length >= 2, $"split account {a} lists {near.Length} rep(s)");
        });
        var whole = Enumerable.Range(0, data.AccountCount).Where(a => lp.Integral[a] >= 0).ToList();
        var listedAtTheCheapest = whole.Count(a => lp.NearCheapest[a].Any(e => e.Rep == lp.Integral[a] && e.Above < 1e-3));
        Assert.True(listedAtTheCheapest >= 0.95 * whole.Count, $"{listedAtTheCheapest} of {whole.Count}");
        Assert.Contains(lp.NearCheapest, near => near.Length == 1);
    }

    /// <summary>
    /// With a balance weight, the LP says what a looser balance is worth half a point beyond its own largest deviation:
    /// what travel and disruption save there per unit of deviation, as a share of the weight. The same book solved with no
    /// balance weight and its band at that looser deviation saves exactly that; without a balance weight there is nothing
    /// to say.
    /// </summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(4.0)]
    public void Solve_WithABalanceWeight_SaysWhatALooserBalanceSavesTheOtherTerms(double weight)
    {
        var weighted = Balanced(weight, 0.10);
        var lp = LpRelaxation.Solve(AssignmentData.Build(weighted, null), TimeSpan.FromMinutes(5), CancellationToken.None)!;
        var looser = lp.Deviation!.Value + LpRelaxation.DeviationProbe;
        Assert.True(looser < 0.10, $"LP deviation {lp.Deviation}");
        var unweighted = LpRelaxation.Solve(AssignmentData.Build(Balanced(0, looser), null), TimeSpan.FromMinutes(5), CancellationToken.None)!;

        var otherTerms = lp.Bound - weight * lp.Deviation.Value;
        Assert.NotNull(lp.DeviationWorth);
        Assert.Equal((otherTerms - unweighted.Bound) / (weight * LpRelaxation.DeviationProbe), lp.DeviationWorth!.Value, 6);
        Assert.InRange(lp.DeviationWorth.Value, 0, 1 + 1e-9);
        Assert.Null(unweighted.DeviationWorth);
    }

    private static TerritoryProblem Balanced(double balanceWeight, double tolerance) =>
        SyntheticBook.Generate(new SyntheticBookSettings(300, 6, 3, Imbalance: 0), SyntheticBook.DefaultOptions with
        {
            Weights = new ObjectiveWeights(balanceWeight, 1, 1, 0),
            Balance = new BalanceRule(BalanceMetric.Workload, tolerance),
        });
}
