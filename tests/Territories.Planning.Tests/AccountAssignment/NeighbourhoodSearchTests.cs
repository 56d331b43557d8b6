using Territories.Domain.Evaluation;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class NeighbourhoodSearchTests
{
    [Theory]
    [InlineData(false, 8)]
    [InlineData(false, 5)]
    [InlineData(true, 10)]
    public void Run_FromTheConstructionPlan_FindsABetterFeasiblePlan(bool geography, int reps)
    {
        var problem = geography
            ? SyntheticBook.Generate(new SyntheticBookSettings(300, reps, 4), SyntheticBook.DefaultOptions with { Workers = 1, TimeLimitSeconds = 600 })
            : Gap(agents: reps, jobs: 80, seed: 3);
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

    [Theory]
    [InlineData(200, 5)]
    [InlineData(7, 5)]
    [InlineData(6, 4)]
    [InlineData(5, 3)]
    [InlineData(3, 2)]
    [InlineData(2, 2)]
    public void SmallestSize_IsFiveReps_OrAllButTwoOnABookOfFewReps(int reps, int smallest) =>
        Assert.Equal(smallest, NeighbourhoodSearch.SmallestSize(reps));
}
