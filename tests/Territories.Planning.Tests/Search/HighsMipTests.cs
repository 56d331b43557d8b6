namespace Territories.Planning.Tests.Search;

public class HighsMipTests
{
    /// <summary>
    /// Pick at most two of three items of values 6, 5 and 4 and weights 3, 2 and 2 within a capacity of 4 (written as a
    /// minimisation of minus the value): the best is the second and third (value 9). The values come back in the order
    /// the caller names the columns, not the model's.
    /// </summary>
    private const string Knapsack = """
        NAME knapsack
        ROWS
         N value
         L weight
        COLUMNS
            MARKER 'MARKER' 'INTORG'
            a value -6 weight 3
            b value -5 weight 2
            c value -4 weight 2
            MARKER 'MARKER' 'INTEND'
        RHS
            rhs weight 4
        BOUNDS
         UP bnd a 1
         UP bnd b 1
         UP bnd c 1
        ENDATA
        """;

    [Fact]
    public void Run_ReportsItsImprovingSolutions_InTheCallersColumnOrder_AndEndsOptimal()
    {
        Assert.True(HighsMip.IsAvailable);
        var reported = new List<double[]>();

        var outcome = HighsMip.Run(Knapsack, ["c", "a", "b"], TimeSpan.FromMinutes(1), reported.Add, CancellationToken.None);

        Assert.Equal("optimal", outcome.Status);
        Assert.Equal(-9, outcome.Objective!.Value, 6);
        Assert.Equal(reported.Count, outcome.Improving);
        Assert.Equal([1.0, 0.0, 1.0], reported[^1].Select(v => Math.Round(v)));
    }

    /// <summary>A run cancelled before it starts does not solve, and reports no solution.</summary>
    [Fact]
    public void Run_CancelledBeforeItStarts_DoesNotSolve()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var reported = 0;

        var outcome = HighsMip.Run(Knapsack, ["a"], TimeSpan.FromMinutes(1), _ => reported++, cancelled.Token);

        Assert.Equal("interrupted", outcome.Status);
        Assert.Null(outcome.Objective);
        Assert.Equal(0, reported);
    }

    /// <summary>A model HiGHS cannot read is refused before any solve (the engine's lane then reports it and the steps go on).</summary>
    [Fact]
    public void Run_AModelHighsCannotRead_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HighsMip.Run("this is no model at all", ["a"], TimeSpan.FromMinutes(1), _ => { }, CancellationToken.None));

        Assert.Contains("could not read", error.Message);
    }

    /// <summary>A column the model does not have is the caller's mistake, said as such.</summary>
    [Fact]
    public void Run_AColumnTheModelLacks_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => HighsMip.Run(Knapsack, ["a", "d"], TimeSpan.FromMinutes(1), _ => { }, CancellationToken.None));

        Assert.Contains("no column d", error.Message);
    }
}
