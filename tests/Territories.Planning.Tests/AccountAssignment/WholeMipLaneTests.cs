using Territories.Domain.Evaluation;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class WholeMipLaneTests
{
    /// <summary>
    /// On a small book with a binding move cap (the city rep at its account limit under its band must trade small
    /// accounts for large ones, at most 14 moves), HiGHS on the whole model offers the incumbent plans that meet every
    /// rule, the last of them as good as the optimum CP-SAT proves.
    /// </summary>
    [Fact]
    public async Task Start_OnACappedBook_OffersTheIncumbentPlansUpToTheProvenOptimum()
    {
        var problem = CityAmongSmallAccounts(today: true, maxMovedShare: 0.2);
        var data = AssignmentData.Build(problem, null);
        var settings = new SolveSettings(TimeSpan.FromSeconds(600), 2, 0, null);
        Assert.True(WholeMipLane.Applies(data, settings));
        var incumbent = new Incumbent(problem, new SolveClock(TimeProvider.System, 600), null);

        var outcome = await WholeMipLane.Start(data, incumbent, TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);

        Assert.Equal("optimal", outcome.Status);
        Assert.True(outcome.Improving >= 1);
        var evaluation = PlanEvaluator.Evaluate(problem, incumbent.RepOf!);
        Assert.True(evaluation.IsFeasible);
        Assert.True(evaluation.Kpis.MovedAccounts <= 14);
        Assert.True(evaluation.Objective <= ProvenOptimum(problem, data) + 1e-6m, $"{evaluation.Objective}");
    }

    /// <summary>
    /// Only beside the lanes (a binding move cap, two workers, the wall clock): a deterministic run stays reproducible,
    /// and a book without a cap (the GAP sets, the sample) keeps its measured steps.
    /// </summary>
    [Fact]
    public void Applies_OnlyWhereTheNeighbourhoodsRunInLanes()
    {
        var capped = AssignmentData.Build(CityAmongSmallAccounts(today: true, maxMovedShare: 0.2), null);
        var uncapped = AssignmentData.Build(CityAmongSmallAccounts(today: true), null);
        var wallClock = new SolveSettings(TimeSpan.FromSeconds(60), 2, 0, null);

        Assert.True(WholeMipLane.Applies(capped, wallClock));
        Assert.False(WholeMipLane.Applies(capped, wallClock with { Workers = 1 }));
        Assert.False(WholeMipLane.Applies(capped, wallClock with { DeterministicTime = 0.5 }));
        Assert.False(WholeMipLane.Applies(uncapped, wallClock));
    }

    /// <summary>A MIP solution's columns at 1 make the plan; a solution that leaves an account out makes none.</summary>
    [Fact]
    public void PlanOf_ReadsTheColumnsAtOne()
    {
        var data = AssignmentData.Build(CityAmongSmallAccounts(), null);
        var columns = Enumerable.Range(0, data.AccountCount).SelectMany(a => new[] { (a, 0), (a, 1) }).ToList();
        var values = columns.Select(c => c.Item2 == (c.Item1 < 40 ? 0 : 1) ? 1.0 : 0.0).ToArray();

        var plan = WholeMipLane.PlanOf(data, columns, values);

        Assert.Equal(Enumerable.Range(0, data.AccountCount).Select(a => a < 40 ? 0 : 1), plan!);
        values[6] = 0; // account 3 with rep 0, its only column at 1
        Assert.Null(WholeMipLane.PlanOf(data, columns, values));
    }
}
