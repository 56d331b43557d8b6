using Territories.Domain.Evaluation;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class NeighbourhoodSearchTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_FromTheConstructionPlan_FindsABetterFeasiblePlan(bool geography)
    {
        var problem = geography
            ? SyntheticBook.Generate(new SyntheticBookSettings(300, 10, 4), SyntheticBook.DefaultOptions with { Workers = 1, TimeLimitSeconds = 600 })
            : Gap(agents: 8, jobs: 80, seed: 3);
        var data = AssignmentData.Build(problem, null);
        var clock = new SolveClock(TimeProvider.System, 60);
        var incumbent = new Incumbent(problem, clock, null);
        var start = GreedyConstruction.Build(data, null, ConstructionBudget.Unlimited).RepOfAll();
        Assert.True(incumbent.Offer(start, "construction"));
        var before = incumbent.Evaluation!.Objective;

        var search = new NeighbourhoodSearch(data, incumbent, new SolveSettings(TimeSpan.FromSeconds(60), 1, 0, 0.5));
        search.Run(clock, maxTries: 15, CancellationToken.None);

        Assert.Equal(15, search.Tries);
        Assert.True(search.Improvements > 0);
        Assert.True(incumbent.Evaluation!.Objective < before);
        Assert.True(PlanEvaluator.Evaluate(problem, incumbent.RepOf!).IsFeasible);
    }
}
