using Google.OrTools.Sat;
using Microsoft.Extensions.Time.Testing;

namespace Territories.Planning.Tests.Search;

public class CpSatHarnessTests
{
    /// <summary>
    /// A run cancelled before CP-SAT starts (a user's cancel that lands between two steps of a solve) does not search at
    /// all: before, the stop was lost and CP-SAT searched anyway (this model it solved; a hard one ran to its limit).
    /// </summary>
    [Fact]
    public void Run_CancelledBeforeItStarts_DoesNotSearch()
    {
        var model = new CpModel();
        model.Maximize(model.NewIntVar(0, 10, "x"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var search = CpSatHarness.Run(model, new SolveSettings(TimeSpan.FromMinutes(10), 1, 0, null), null, cancelled.Token);

        Assert.Equal(CpSolverStatus.Unknown, search.Status);
        Assert.Equal(0, search.Solutions);
    }

    /// <summary>Not cancelled, the same model is solved to optimality.</summary>
    [Fact]
    public void Run_NotCancelled_Solves()
    {
        var model = new CpModel();
        model.Maximize(model.NewIntVar(0, 10, "x"));

        var search = CpSatHarness.Run(model, new SolveSettings(TimeSpan.FromMinutes(10), 1, 0, null), null, CancellationToken.None);

        Assert.Equal(CpSolverStatus.Optimal, search.Status);
        Assert.True(search.Solutions >= 1);
    }

    /// <summary>A run whose time for a first solution is over before it found one stops with none, its time limit unused.</summary>
    [Fact]
    public void Run_WithNoSolutionWithinItsFirstSolutionTime_GivesUp()
    {
        var model = Assignment();

        var search = CpSatHarness.Run(model, new SolveSettings(TimeSpan.FromMinutes(10), 1, 0, null, FirstSolutionWithin: TimeSpan.Zero), null, CancellationToken.None);

        Assert.Equal(CpSolverStatus.Unknown, search.Status);
        Assert.Equal(0, search.Solutions);
    }

    /// <summary>
    /// Once a run has found a solution, its time for a first one no longer counts: here an hour passes on the run's clock
    /// at its first solution, and it still goes on to the optimum and proves it.
    /// </summary>
    [Fact]
    public void Run_WithASolutionWithinItsFirstSolutionTime_GoesOnToTheOptimum()
    {
        var model = Assignment();
        var time = new FakeTimeProvider();

        var search = CpSatHarness.Run(model, new SolveSettings(TimeSpan.FromMinutes(10), 1, 0, null, FirstSolutionWithin: TimeSpan.FromSeconds(1)),
            _ => time.Advance(TimeSpan.FromHours(1)), CancellationToken.None, time);

        Assert.Equal(CpSolverStatus.Optimal, search.Status);
        Assert.True(search.Solutions >= 2, "the first solution was the optimum: the test shows nothing");
    }

    /// <summary>
    /// A small generalised assignment problem (fixed seed): 40 jobs, each to one of 5 agents, within the agents' capacities,
    /// at the least cost.
    /// </summary>
    private static CpModel Assignment()
    {
        const int jobs = 40, agents = 5;
        var random = new Random(7);
        var cost = new long[jobs, agents];
        var weight = new long[jobs, agents];
        for (var j = 0; j < jobs; j++)
            for (var a = 0; a < agents; a++) (cost[j, a], weight[j, a]) = (random.Next(10, 50), random.Next(5, 25));
        var model = new CpModel();
        var x = new BoolVar[jobs, agents];
        for (var j = 0; j < jobs; j++)
        {
            for (var a = 0; a < agents; a++) x[j, a] = model.NewBoolVar($"x{j}_{a}");
            model.AddExactlyOne(Enumerable.Range(0, agents).Select(a => x[j, a]));
        }
        for (var a = 0; a < agents; a++)
            model.Add(LinearExpr.WeightedSum(Enumerable.Range(0, jobs).Select(j => x[j, a]), Enumerable.Range(0, jobs).Select(j => weight[j, a])) <= 100);
        model.Minimize(LinearExpr.WeightedSum(Enumerable.Range(0, jobs * agents).Select(k => x[k / agents, k % agents]),
            Enumerable.Range(0, jobs * agents).Select(k => cost[k / agents, k % agents])));
        return model;
    }
}
