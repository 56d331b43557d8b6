using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Organisation;
using Territories.Domain.Plans;
using static Territories.Planning.Tests.Problems;
using static Territories.Tests.Shared.Build;

namespace Territories.Planning.Tests.Rules;

/// <summary>options.moveWithin keeps accounts inside their current rep's unit at a level, as a hard rule.</summary>
public class MoveWithinTests
{
    // Two regions; west has two districts. w1 and w2 are in district west-a, w3 in west-b, e1 in the east.
    private static readonly OrgUnit[] Tree =
    [
        new("west", "West", null), new("east", "East", null),
        new("west-a", "West A", "west"), new("west-b", "West B", "west"), new("east-a", "East A", "east"),
    ];

    private static Rep InUnit(string id, string unit, double capacity) => Rep(id, capacity) with { OrgUnitId = unit };

    /// <summary>w1 holds 60 h but may keep 20; pairs make e1 the cheapest taker of everything, w3 next, then w1, w2 dearest.</summary>
    private static TerritoryProblem Overloaded(int? moveWithin, double w2Capacity = 100)
    {
        var reps = new[] { InUnit("w1", "west-a", 20), InUnit("w2", "west-a", w2Capacity), InUnit("w3", "west-b", 100), InUnit("e1", "east-a", 100) };
        var accounts = Enumerable.Range(1, 6).Select(i => Account($"a{i}", 10, current: "w1")).ToList();
        var pairs = accounts.SelectMany(a => new[] { new Pair(a.Id, new RepId("w1"), 5, null), new Pair(a.Id, new RepId("w2"), 9, null),
            new Pair(a.Id, new RepId("w3"), 3, null), new Pair(a.Id, new RepId("e1"), 1, null) }).ToList();
        return TerritoryProblem.Create(reps, accounts, Options(CostOnly) with { MoveWithin = moveWithin }, pairs, orgUnits: Tree);
    }

    [Fact]
    public void WithoutTheRule_AccountsGoToTheCheapestRepAnywhere()
    {
        var plan = Solve(Overloaded(null));
        AssertValid(Overloaded(null), plan);
        Assert.Equal(6, plan.Assignments.Count(a => a.RepId.Value == "e1"));
    }

    [Fact]
    public void RegionLevel_KeepsAccountsInTheRegion()
    {
        var problem = Overloaded(0);
        var plan = Solve(problem);

        AssertValid(problem, plan);
        Assert.DoesNotContain(plan.Assignments, a => a.RepId.Value == "e1");
        Assert.Equal(6, plan.Assignments.Count(a => a.RepId.Value == "w3"));
        var west = Assert.Single(plan.OrgUnits, u => u.OrgUnitId == "west");
        Assert.Equal(6, west.Accounts);
        Assert.Equal(6, west.MovedIn);
        Assert.Equal(6, west.MovedOut);
        Assert.Equal(0, Assert.Single(plan.OrgUnits, u => u.OrgUnitId == "east").Accounts);
    }

    [Fact]
    public void DistrictLevel_KeepsAccountsInTheDistrict()
    {
        var problem = Overloaded(1);
        var plan = Solve(problem);

        AssertValid(problem, plan);
        Assert.Equal(4, plan.Assignments.Count(a => a.RepId.Value == "w2"));
        Assert.Equal(2, plan.Assignments.Count(a => a.RepId.Value == "w1"));
    }

    [Fact]
    public void Evaluator_FlagsAMoveOutOfTheUnit()
    {
        var problem = Overloaded(0);
        var repOf = new[] { 3, 0, 0, 1, 1, 1 };

        var violation = Assert.Single(PlanEvaluator.Evaluate(problem, repOf).Violations);

        Assert.Equal(RuleNames.MoveWithin, violation.Rule);
        Assert.Equal(["a1"], violation.AccountIds);
        Assert.Contains("leaves org unit west", violation.Message);
    }

    [Fact]
    public void DistrictTooSmall_InfeasibleWithTheRuleNamed()
    {
        var problem = Overloaded(1, w2Capacity: 30);
        var plan = Solve(problem);

        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        var diagnostic = Assert.Single(plan.Diagnostics, d => d.Code == DiagnosticCodes.SkillCapacity);
        Assert.Contains("moveWithin level 1 keeps them inside org unit(s) west-a", diagnostic.Message);
        Assert.Contains("have only 50 hours", diagnostic.Message);
    }

    [Fact]
    public void NoSkilledRepInTheUnit_InfeasibleWithTheUnitNamed()
    {
        var reps = new[] { InUnit("w1", "west-a", 100), InUnit("e1", "east-a", 100) with { Skills = new HashSet<string> { "spanish" } } };
        var problem = TerritoryProblem.Create(reps, [Account("a1", skills: ["spanish"], current: "w1")],
            Options(CostOnly) with { MoveWithin = 0 }, orgUnits: Tree);

        var plan = Solve(problem);

        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        var diagnostic = Assert.Single(plan.Diagnostics, d => d.Code == DiagnosticCodes.NoEligibleRep);
        Assert.Contains("moveWithin level 0 keeps it inside org unit west, where no rep has every skill of [spanish]", diagnostic.Message);
    }
}
