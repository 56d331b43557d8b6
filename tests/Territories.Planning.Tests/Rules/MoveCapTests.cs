using Google.OrTools.Sat;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Planning.Diagnostics;
using Territories.Planning.Rules;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;
using LP = Google.OrTools.LinearSolver;

namespace Territories.Planning.Tests.Rules;

/// <summary>Three accounts at r0 today and one prospect; maxMovedShare 0.34 of the three allows one move.</summary>
public class MoveCapTests
{
    private static TerritoryProblem Book(double share = 0.34, double r0Capacity = 100) => TerritoryProblem.Create(
        [Build.Rep("r0", r0Capacity), Build.Rep("r1", 100)],
        [Build.Account("a", current: "r0"), Build.Account("b", current: "r0"), Build.Account("c", current: "r0"), Build.Account("new")],
        Options(TravelOnly with { Travel = 0, Cost = 1 }, maxMovedShare: share));

    private static int Moves(int[] plan) => plan.Take(3).Count(r => r != 0);

    [Fact]
    public void Limit_IsTheShareOfAccountsWithACurrentRepRoundedDown()
    {
        Assert.Equal(1, MoveCap.For(Book()).Limit);
        Assert.False(MoveCap.For(TerritoryProblem.Create([Build.Rep("r0")], [Build.Account("a")], Options(TravelOnly))).Binds);
    }

    /// <summary>For all sixteen plans, the construction's check and the evaluator agree (the prospect's rep is never a move).</summary>
    [Fact]
    public void Allows_AgreesWithTheEvaluatorOnEveryPlan()
    {
        var problem = Book();
        var cap = MoveCap.For(problem);

        foreach (var plan in TinyModel.EveryPlan(4, 2))
        {
            var evaluatorSays = PlanEvaluator.Evaluate(problem, plan).Violations.All(v => v.Rule != RuleNames.MaxMovedShare);
            Assert.Equal(evaluatorSays, cap.Allows(Moves(plan)));
            Assert.Equal(Math.Max(0, Moves(plan) - 1), cap.Excess(Moves(plan)));
        }
    }

    /// <summary>At most one of a, b, c leaves r0, the prospect goes anywhere: (1 + 3) x 2 = 8 plans.</summary>
    [Fact]
    public void Add_InATinyModel_AllowsExactlyThePlansWithinTheCap()
    {
        var cap = MoveCap.For(Book());
        var model = new TinyModel(4, 2);
        cap.Add(model.Model, LinearExpr.Sum(model.X.Take(3).Select(row => row[1])), 0);

        var plans = model.AllPlans();

        Assert.Equal(8, plans.Count);
        Assert.All(plans, plan => Assert.True(Moves(plan) <= 1));
    }

    [Fact]
    public void AddTo_InAnLp_IsOneRowUpToTheLimit()
    {
        using var solver = LP.Solver.CreateSolver("GLOP")!;

        Assert.Equal(1, MoveCap.For(Book()).AddTo(solver)!.Ub());
    }

    /// <summary>r0 of 15 hours holds 30: two accounts must leave, the cap allows one; the pre-check says so in the rule's words.</summary>
    [Fact]
    public void FeasibilityChecks_MovesNoPlanAvoidsOverTheCap_AreNamedInTheRulesWords()
    {
        var problem = Book(r0Capacity: 15);

        var diagnostic = Assert.Single(new FeasibilityChecks(problem).Run(), d => d.Code == Domain.Plans.DiagnosticCodes.MovedShareTooTight);

        Assert.Equal("maxMovedShare 34% allows 1 move(s), but at least 2 must leave rep(s) r0 to bring them within capacity", diagnostic.Message);
        Assert.Equal("maxMovedShare of 34% (1 moves)", MoveCap.For(problem).Describe());
    }
}
