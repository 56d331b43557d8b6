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

    /// <summary>A run cancelled (by its user or its time limit) before the LP starts gets no LP, at once.</summary>
    [Fact]
    public void Solve_Cancelled_ReturnsNoRelaxation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(LpRelaxation.Solve(Book(), TimeSpan.FromMinutes(5), cancelled.Token));
    }
}
