using Google.OrTools.Sat;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Planning.Diagnostics;
using Territories.Planning.Rules;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;
using LP = Google.OrTools.LinearSolver;

namespace Territories.Planning.Tests.Rules;

/// <summary>Reps r0 (25 hours) and r1 (100 hours); accounts of 10, 10 and 20 hours: r0 holds at most 25 of them.</summary>
public class CapacityTests
{
    private static readonly double[] Hours = [10, 10, 20];

    private static TerritoryProblem Book(string? locked = null) => TerritoryProblem.Create(
        [Build.Rep("r0", 25), Build.Rep("r1", 100)],
        [Build.Account("a", 10, locked: locked), Build.Account("b", 10), Build.Account("c", 20, locked: locked)],
        Options(TravelOnly with { Travel = 0, Cost = 1 }));

    private static double[] Loads(int[] repOf) =>
        [repOf.Select((r, a) => r == 0 ? Hours[a] : 0).Sum(), repOf.Select((r, a) => r == 1 ? Hours[a] : 0).Sum()];

    /// <summary>For all eight plans, the construction's check and the evaluator agree on whether capacity holds.</summary>
    [Fact]
    public void Allows_AgreesWithTheEvaluatorOnEveryPlan()
    {
        var problem = Book();
        var capacity = Capacity.For(problem);

        foreach (var plan in TinyModel.EveryPlan(3, 2))
        {
            var loads = Loads(plan);
            var ruleSays = capacity.Allows(0, loads[0]) && capacity.Allows(1, loads[1]);
            var evaluatorSays = PlanEvaluator.Evaluate(problem, plan).Violations.All(v => v.Rule != RuleNames.Capacity);
            Assert.Equal(evaluatorSays, ruleSays);
            Assert.Equal(ruleSays, capacity.Excess(0, loads[0]) == 0);
        }
    }

    /// <summary>r0 may take {}, {a}, {b}, {c} or {a, b}: five plans, each within 25 hours.</summary>
    [Fact]
    public void Add_InATinyModel_AllowsExactlyThePlansWithinCapacity()
    {
        var capacity = Capacity.For(Book());
        var model = new TinyModel(3, 2);
        var scale = new IntegerScale(1, true);
        for (var r = 0; r < 2; r++)
            capacity.Add(model.Model, r, LinearExpr.WeightedSum(model.OfRep(r), Hours.Select(h => (long)h)), 0, scale);

        var plans = model.AllPlans();

        Assert.Equal(5, plans.Count);
        Assert.All(plans, plan => Assert.True(Loads(plan)[0] <= 25));
    }

    /// <summary>The LP row: pushing all work to r0 stops at its 25 hours.</summary>
    [Fact]
    public void AddTo_InAnLp_CapsTheRepsLoad()
    {
        var capacity = Capacity.For(Book());
        using var solver = LP.Solver.CreateSolver("GLOP")!;
        var x = Hours.Select(_ => solver.MakeNumVar(0, 1, "")).ToArray();
        var row = capacity.AddTo(solver, 0);
        for (var a = 0; a < x.Length; a++)
        {
            row.SetCoefficient(x[a], Hours[a]);
            solver.Objective().SetCoefficient(x[a], Hours[a]);
        }
        solver.Objective().SetMaximization();

        Assert.Equal(LP.Solver.ResultStatus.OPTIMAL, solver.Solve());
        Assert.Equal(25, solver.Objective().Value(), 6);
    }

    /// <summary>30 locked hours at a 25-hour rep: the pre-check says so in the rule's words.</summary>
    [Fact]
    public void FeasibilityChecks_LockedHoursOverCapacity_AreNamedInTheRulesWords()
    {
        var diagnostics = new FeasibilityChecks(Book(locked: "r0")).Run();

        var diagnostic = Assert.Single(diagnostics, d => d.Code == Domain.Plans.DiagnosticCodes.LockedOverCapacity);
        Assert.Equal("rep r0 has 30 hours of locked accounts but only 25 hours of capacity; unlock some or raise the capacity", diagnostic.Message);
        Assert.Equal("every rep's capacity", Capacity.Description);
    }
}
