using Google.OrTools.Sat;
using Territories.Domain.Model;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;

namespace Territories.Planning.Tests.AccountAssignment;

public class CpSatModelTests
{
    private static TerritoryProblem BalancedBook() => SyntheticBook.Generate(new SyntheticBookSettings(200, 6, 5),
        SyntheticBook.DefaultOptions with { Weights = new ObjectiveWeights(1, 1, 1, 0), Workers = 1 });

    /// <summary>
    /// With a balance weight the hint covers the largest deviation too, so a feasible plan is a complete solution:
    /// CP-SAT held to the hinted values must accept it (a deviation hinted too low would make it infeasible).
    /// </summary>
    [Fact]
    public void AddHint_WithABalanceWeight_IsACompleteFeasibleSolution()
    {
        var problem = BalancedBook();
        var data = AssignmentData.Build(problem, null);
        var plan = GreedyConstruction.Build(data, null, ConstructionBudget.Unlimited);
        Assert.Equal(0, plan.Violation());
        var model = new CpSatModel(data, switchableRules: false, referenceMetricTotal: null);
        model.AddHint(plan.RepOfAll());

        var solver = new CpSolver { StringParameters = "num_workers:1, fix_variables_to_their_hinted_value:true, max_deterministic_time:5" };
        var status = solver.Solve(model.Model);

        Assert.Equal(CpSolverStatus.Optimal, status);
    }

    /// <summary>A solve whose time ran out while its model was being built stops building (it used to build on, past the limit).</summary>
    [Fact]
    public void Build_TimeAlreadyOver_StopsBuilding()
    {
        var data = AssignmentData.Build(BalancedBook(), null);
        using var over = new CancellationTokenSource();
        over.Cancel();

        Assert.Throws<OperationCanceledException>(() => new CpSatModel(data, switchableRules: false, referenceMetricTotal: null, cancel: over.Token));
    }

    /// <summary>LP-and-fix's scope: the accounts given a rep stay there, the others are decided, and the plan keeps every rule.</summary>
    [Fact]
    public void Fixing_DecidesOnlyTheFreeAccountsAndKeepsTheRest()
    {
        var problem = BalancedBook();
        var data = AssignmentData.Build(problem, null);
        var start = GreedyConstruction.Build(data, null, ConstructionBudget.Unlimited).RepOfAll();
        var fixedRepOf = start.Select((r, a) => a % 10 == 0 ? -1 : r).ToArray();
        var model = new CpSatModel(data, switchableRules: false, referenceMetricTotal: null, ModelScope.Fixing(data, fixedRepOf));
        model.AddHint(start);

        var outcome = CpSatRun.Solve(model, new SolveSettings(TimeSpan.FromSeconds(60), 1, 0, 5), null, CancellationToken.None);

        Assert.Equal(20, model.X.Count(x => x.Length > 0));
        Assert.NotNull(outcome.Best);
        for (var a = 0; a < fixedRepOf.Length; a++)
            if (fixedRepOf[a] >= 0) Assert.Equal(fixedRepOf[a], outcome.Best![a]);
        Assert.True(Territories.Domain.Evaluation.PlanEvaluator.Evaluate(problem, outcome.Best!).IsFeasible);
    }
}
