using Google.OrTools.Sat;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class EjectionChainSearchTests
{
    /// <summary>Move evaluations for one search: well under a second on any machine, and the same on every one.</summary>
    private const long Budget = 20_000_000;

    [Fact]
    public void Search_OnATightTypeDBook_EndsWithinOnePercentOfTheCpSatProvenOptimum()
    {
        var problem = TypeD(agents: 5, jobs: 40, seed: 7);
        var data = AssignmentData.Build(problem, null);
        var optimum = ProvenOptimum(problem, data);
        var greedy = GreedyConstruction.Build(data, null, ConstructionBudget.Unlimited).RepOfAll();
        var start = PlanEvaluator.Evaluate(problem, greedy);
        Assert.True(start.IsFeasible && start.Objective > optimum * 1.01m, "the greedy plan leaves the search something to do");

        var offered = Search(data, greedy, seed: 1);

        Assert.NotEmpty(offered);
        Assert.InRange(PlanEvaluator.Evaluate(problem, offered[^1]).Objective, optimum, optimum * 1.01m);
    }

    [Fact]
    public void Search_EveryPlanItOffers_MeetsEveryHardRuleAndIsCheaperThanTheLast()
    {
        var problem = TypeD(agents: 10, jobs: 100, seed: 3);
        var data = AssignmentData.Build(problem, null);
        // From a plan that breaks capacities: every account on its cheapest rep.
        var cheapest = Enumerable.Range(0, data.AccountCount).Select(a => data.Candidates[a][0]).ToArray();
        Assert.False(PlanEvaluator.Evaluate(problem, cheapest).IsFeasible);

        var offered = Search(data, cheapest, seed: 1);

        Assert.NotEmpty(offered);
        var objectives = offered.Select(plan =>
        {
            var evaluation = PlanEvaluator.Evaluate(problem, plan);
            Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
            return evaluation.Objective;
        }).ToList();
        Assert.True(objectives.Zip(objectives.Skip(1)).All(p => p.Second < p.First));
    }

    [Fact]
    public void Search_SameSeed_OffersTheSamePlans()
    {
        var data = AssignmentData.Build(TypeD(agents: 10, jobs: 100, seed: 5), null);
        var start = GreedyConstruction.Build(data, null, ConstructionBudget.Unlimited).RepOfAll();

        var first = Search(data, start, seed: 4);
        var second = Search(data, start, seed: 4);

        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), p => Assert.Equal(p.First, p.Second));
    }

    [Fact]
    public void Solve_OnATypeDBook_TheSearchImprovesOnTheLpGuidedPlans()
    {
        // Five reps: on books of ten or more the column-generation dives come first (ColumnGenerationDiveTests).
        var problem = TypeD(agents: 5, jobs: 100, seed: 11);
        var snapshots = new List<PlanSnapshot>();

        var plan = Solve(problem, deterministicTime: 2, new SynchronousProgress<PlanSnapshot>(snapshots.Add));

        AssertValid(problem, plan);
        var firstOfSearch = snapshots.FindIndex(s => s.Source == "ejection-chain");
        Assert.True(firstOfSearch > 0, "the search found a better plan than the construction, the LP rounding and LP-and-fix");
        Assert.Contains(snapshots.Take(firstOfSearch), s => s.Source is "lp-rounding" or "lp-and-fix");
    }

    [Fact]
    public void Applies_OnlyWhereCapacityIsTheOnlyRuleAndTheObjectiveIsTheSumOfPairCosts()
    {
        var gap = TypeD(agents: 4, jobs: 20, seed: 1);
        Assert.True(EjectionChainSearch.Applies(AssignmentData.Build(gap, null)));

        var banded = Gap(agents: 4, jobs: 20, seed: 1, typeD: true, balance: new BalanceRule(BalanceMetric.Workload, 0.3));
        Assert.False(EjectionChainSearch.Applies(AssignmentData.Build(banded, null)));

        var balanceWeighted = Gap(agents: 4, jobs: 20, seed: 1, typeD: true, weights: new ObjectiveWeights(1, 0, 0, 1));
        Assert.False(EjectionChainSearch.Applies(AssignmentData.Build(balanceWeighted, null)));

        var book = SyntheticBook.Generate(new SyntheticBookSettings(300, 10, 4), SyntheticBook.DefaultOptions with { Workers = 1 });
        Assert.False(EjectionChainSearch.Applies(AssignmentData.Build(book, null)));
    }

    [Fact]
    public void IsSmallBook_OnlyOnGapBooksOfAtMostFourThousandPairs()
    {
        var small = AssignmentData.Build(TypeD(agents: 20, jobs: 200, seed: 1), null);
        Assert.True(EjectionChainSearch.IsSmallBook(small));
        Assert.Equal(EjectionChainSearch.SmallBookTimeShare, EjectionChainSearch.ShareOf(small));

        var larger = AssignmentData.Build(TypeD(agents: 10, jobs: 401, seed: 1), null);
        Assert.True(EjectionChainSearch.Applies(larger));
        Assert.False(EjectionChainSearch.IsSmallBook(larger));
        Assert.Equal(EjectionChainSearch.TimeShare, EjectionChainSearch.ShareOf(larger));

        var banded = Gap(agents: 4, jobs: 20, seed: 1, typeD: true, balance: new BalanceRule(BalanceMetric.Workload, 0.3));
        Assert.False(EjectionChainSearch.IsSmallBook(AssignmentData.Build(banded, null)));
    }

    [Fact]
    public void Solve_OnASmallTypeDBook_IsNoWorseThanPlainCpSatWithTheSameDeterministicTime()
    {
        var problem = TypeD(agents: 10, jobs: 60, seed: 13);
        const double deterministicTime = 1;

        var engine = AssertValid(problem, Solve(problem, deterministicTime), requireBound: false);
        var data = AssignmentData.Build(problem, null);
        var plain = CpSatRun.Solve(new CpSatModel(data, switchableRules: false, referenceMetricTotal: null),
            new SolveSettings(TimeSpan.FromSeconds(120), 1, 0, deterministicTime), null, CancellationToken.None);

        Assert.NotNull(plain.Best);
        Assert.True(engine.Objective <= PlanEvaluator.Evaluate(problem, plain.Best!).Objective);
    }

    private static List<int[]> Search(AssignmentData data, int[] start, int seed)
    {
        var offered = new List<int[]>();
        new EjectionChainSearch(data, seed, Budget, CancellationToken.None).Search(start, plan =>
        {
            offered.Add(plan);
            return true;
        });
        return offered;
    }

    private static TerritoryProblem TypeD(int agents, int jobs, int seed) => Gap(agents, jobs, seed, typeD: true);
}
