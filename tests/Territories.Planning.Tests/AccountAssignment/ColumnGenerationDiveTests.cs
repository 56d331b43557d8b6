using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class ColumnGenerationDiveTests
{
    [Fact]
    public void Root_BoundLiesAboveTheCompactLpsAndNotAboveTheProvenOptimum()
    {
        // Five reps, so CP-SAT proves the optimum quickly; the master itself applies to any number of reps.
        var problem = Gap(agents: 5, jobs: 40, seed: 7, typeD: true);
        var data = AssignmentData.Build(problem, null);
        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        var dives = new ColumnGenerationDive(data, lp.AccountDuals, null);

        Assert.True(dives.SolveRoot(CancellationToken.None));

        var optimum = (double)ProvenOptimum(problem, data);
        Assert.InRange(dives.Bound, lp.Bound + 1, optimum);
    }

    [Fact]
    public void Dive_FixesWholeColumnsWithinCapacity_AndLeavesTheRestToTheFreeReps()
    {
        var problem = Gap(agents: 10, jobs: 60, seed: 5, typeD: true);
        var data = AssignmentData.Build(problem, null);
        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        var dives = new ColumnGenerationDive(data, lp.AccountDuals, null);
        Assert.True(dives.SolveRoot(CancellationToken.None));

        for (var k = 0; k < Math.Min(3, dives.DiveCount); k++)
        {
            var fixedRepOf = dives.Dive(k, out var freeReps, CancellationToken.None);

            Assert.NotNull(fixedRepOf);
            Assert.Equal(ColumnGenerationDive.LeftToTheModel, freeReps.Count);
            Assert.DoesNotContain(fixedRepOf, r => r >= 0 && freeReps.Contains(r));
            Assert.Contains(fixedRepOf, r => r < 0);
            for (var rep = 0; rep < data.RepCount; rep++)
            {
                var hours = Enumerable.Range(0, data.AccountCount).Where(a => fixedRepOf[a] == rep).Sum(a => data.Workload[a][data.IndexOf(a, rep)]);
                Assert.True(data.Capacity.Allows(rep, hours), $"rep {rep} fixed with {hours} hours over {data.Capacity[rep]}");
            }
        }
    }

    [Fact]
    public void Solve_OnATenRepTypeDBook_ReportsTheExactCoversBound_AndAPlanWithinHalfAPercentOfIt()
    {
        var problem = Gap(agents: 10, jobs: 100, seed: 11, typeD: true);
        var data = AssignmentData.Build(problem, null);
        var lpBound = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!.Bound;
        var snapshots = new List<PlanSnapshot>();

        var plan = Solve(problem, deterministicTime: 2, new SynchronousProgress<PlanSnapshot>(snapshots.Add));

        var evaluation = AssertValid(problem, plan);
        // The exact cover starts from the master's bound and raises it by each objective it proves holds no plan.
        Assert.Equal("exact-cover", plan.Solver.BoundSource);
        Assert.True((double)plan.Bound!.Value > lpBound, $"bound {plan.Bound} not above the LP's {lpBound}");
        Assert.True(evaluation.Objective <= plan.Bound.Value * 1.005m, $"objective {evaluation.Objective} more than 0.5% above {plan.Bound}");
        Assert.Contains(snapshots, s => s.Source == "column-generation");
    }

    [Fact]
    public void Applies_OnGapBooksOfTenRepsOrMore_WithAtMostTwentyAccountsARepAndEightThousandPairs()
    {
        Assert.True(ColumnGenerationDive.Applies(AssignmentData.Build(Gap(agents: 10, jobs: 40, seed: 1, typeD: true), null)));
        Assert.False(ColumnGenerationDive.Applies(AssignmentData.Build(Gap(agents: 5, jobs: 40, seed: 1, typeD: true), null)));
        Assert.False(ColumnGenerationDive.Applies(AssignmentData.Build(Gap(agents: 10, jobs: 401, seed: 1, typeD: true), null)));
        Assert.True(ColumnGenerationDive.Applies(AssignmentData.Build(Gap(agents: 10, jobs: 200, seed: 1, typeD: true), null)));
        Assert.False(ColumnGenerationDive.Applies(AssignmentData.Build(Gap(agents: 10, jobs: 201, seed: 1, typeD: true), null)));
        Assert.True(ColumnGenerationDive.Applies(AssignmentData.Build(Gap(agents: 20, jobs: 400, seed: 1, typeD: true), null)));
        Assert.True(ColumnGenerationDive.Applies(AssignmentData.Build(Gap(agents: 40, jobs: 200, seed: 1, typeD: true), null)));
        Assert.False(ColumnGenerationDive.Applies(AssignmentData.Build(Gap(agents: 40, jobs: 201, seed: 1, typeD: true), null)));
        var banded = Gap(agents: 10, jobs: 40, seed: 1, typeD: true, balance: new BalanceRule(BalanceMetric.Workload, 0.3));
        Assert.False(ColumnGenerationDive.Applies(AssignmentData.Build(banded, null)));
    }
}
