using Google.OrTools.Sat;

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
}
