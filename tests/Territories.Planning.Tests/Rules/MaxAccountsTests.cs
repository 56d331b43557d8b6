using Google.OrTools.Sat;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Planning.Diagnostics;
using Territories.Planning.Rules;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;
using LP = Google.OrTools.LinearSolver;

namespace Territories.Planning.Tests.Rules;

/// <summary>Rep r0 may own at most one account, r1 has no limit; three accounts.</summary>
public class MaxAccountsTests
{
    private static TerritoryProblem Book(string? locked = null) => TerritoryProblem.Create(
        [Build.Rep("r0", 100, maxAccounts: 1), Build.Rep("r1", 100)],
        [Build.Account("a", locked: locked), Build.Account("b", locked: locked), Build.Account("c")],
        Options(TravelOnly with { Travel = 0, Cost = 1 }));

    [Fact]
    public void Bounds_AreTheRepsLimitOrNone()
    {
        var most = MaxAccounts.For(Book());

        Assert.True(most.Binds(0));
        Assert.Equal(1, most[0]);
        Assert.False(most.Binds(1));
    }

    /// <summary>For all eight plans, the construction's check and the evaluator agree.</summary>
    [Fact]
    public void Excess_AgreesWithTheEvaluatorOnEveryPlan()
    {
        var problem = Book();
        var most = MaxAccounts.For(problem);

        foreach (var plan in TinyModel.EveryPlan(3, 2))
        {
            var ruleSays = most.Excess(0, plan.Count(r => r == 0)) == 0 && most.Excess(1, plan.Count(r => r == 1)) == 0;
            var evaluatorSays = PlanEvaluator.Evaluate(problem, plan).Violations.All(v => v.Rule != RuleNames.MaxAccounts);
            Assert.Equal(evaluatorSays, ruleSays);
        }
    }

    /// <summary>r0 may take none or one of the three: four plans.</summary>
    [Fact]
    public void Add_InATinyModel_AllowsExactlyThePlansWithinTheLimit()
    {
        var most = MaxAccounts.For(Book());
        var model = new TinyModel(3, 2);
        most.Add(model.Model, 0, LinearExpr.Sum(model.OfRep(0)), 0);

        var plans = model.AllPlans();

        Assert.Equal(4, plans.Count);
        Assert.All(plans, plan => Assert.True(plan.Count(r => r == 0) <= 1));
    }

    [Fact]
    public void AddTo_InAnLp_HasARowOnlyForRepsWithALimit()
    {
        var most = MaxAccounts.For(Book());
        using var solver = LP.Solver.CreateSolver("GLOP")!;

        Assert.Equal(1, most.AddTo(solver, 0)!.Ub());
        Assert.Null(most.AddTo(solver, 1));
    }

    [Fact]
    public void FeasibilityChecks_TwoLockedAccountsAtARepOfOne_AreNamedInTheRulesWords()
    {
        var diagnostics = new FeasibilityChecks(Book(locked: "r0")).Run();

        var diagnostic = Assert.Single(diagnostics, d => d.Code == Domain.Plans.DiagnosticCodes.LockedOverMaxAccounts);
        Assert.Equal("rep r0 has 2 locked accounts but may own at most 1", diagnostic.Message);
        Assert.Equal("the reps' maxAccounts", MaxAccounts.Description);
    }
}
