using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class CoverWithinTheGapTests
{
    /// <summary>
    /// On small generalised assignment books the exact search proves the optimum: the plan is CP-SAT's proven optimum,
    /// reported optimal with the search's bound equal to it.
    /// </summary>
    [Theory]
    [InlineData(40, 1, false)]
    [InlineData(30, 3, true)]
    public void Solve_OnASmallGapBook_EndsProvenOptimal_ByTheExactCover(int jobs, int seed, bool typeD)
    {
        var problem = Gap(agents: 10, jobs, seed, typeD);
        var optimum = ProvenOptimum(problem, AssignmentData.Build(problem, null));

        var plan = Solve(problem, deterministicTime: 2);

        var evaluation = AssertValid(problem, plan);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Equal("exact-cover", plan.Solver.BoundSource);
        Assert.Equal(optimum, evaluation.Objective);
        Assert.Equal(optimum, plan.Bound);
    }

    /// <summary>Every whole objective below the first cover found holds no plan, so the bound it reports never passes the optimum.</summary>
    [Fact]
    public void Run_FromTheRootsPrices_FindsAPlanAtTheOptimum_AndNoneBelow()
    {
        var problem = Gap(agents: 10, jobs: 30, seed: 3, typeD: true);
        var data = AssignmentData.Build(problem, null);
        var optimum = (double)ProvenOptimum(problem, data);
        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        var dives = new ColumnGenerationDive(data, lp.AccountDuals, null);
        Assert.True(dives.SolveRoot(CancellationToken.None));

        var result = CoverWithinTheGap.AfterPricing(dives.CopyOfTheMaster(), CancellationToken.None)!.Run(upTo: optimum + 10, long.MaxValue, TimeSpan.MaxValue, CancellationToken.None);

        Assert.Equal(optimum, result.Bound);
        Assert.NotNull(result.Plan);
        var evaluation = Territories.Domain.Evaluation.PlanEvaluator.Evaluate(problem, result.Plan);
        Assert.True(evaluation.IsFeasible);
        Assert.Equal((decimal)optimum, evaluation.Objective);
    }
}
