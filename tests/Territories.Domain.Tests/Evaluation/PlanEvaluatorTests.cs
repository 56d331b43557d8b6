using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using static Territories.Domain.Tests.Problems;
using static Territories.Tests.Shared.Build;

namespace Territories.Domain.Tests.Evaluation;

public class PlanEvaluatorTests
{
    private static PlanEvaluation Evaluate(TerritoryProblem problem, params (string Account, string Rep)[] plan) =>
        PlanEvaluator.Evaluate(problem, plan.Select(p => new Assignment(new AccountId(p.Account), new RepId(p.Rep))).ToList());

    private static IEnumerable<string> Rules(PlanEvaluation evaluation) => evaluation.Violations.Select(v => v.Rule);

    [Fact]
    public void Capacity_OverByOneHour_IsViolated_AtCapacity_IsNot()
    {
        var problem = TerritoryProblem.Create([Rep("r1", capacity: 20), Rep("r2", capacity: 100)],
            [Account("a1", 10), Account("a2", 10), Account("a3", 1)]);

        var over = Evaluate(problem, ("a1", "r1"), ("a2", "r1"), ("a3", "r1"));
        var violation = Assert.Single(over.Violations);
        Assert.Equal(RuleNames.Capacity, violation.Rule);
        Assert.Equal(["r1"], violation.RepIds);

        Assert.True(Evaluate(problem, ("a1", "r1"), ("a2", "r1"), ("a3", "r2")).IsFeasible);
    }

    [Fact]
    public void MaxAccounts_ThreeForAMaxOfTwo_IsViolated_TwoIsNot()
    {
        var problem = TerritoryProblem.Create([Rep("r1", maxAccounts: 2), Rep("r2")], [Account("a1"), Account("a2"), Account("a3")]);
        Assert.Equal([RuleNames.MaxAccounts], Rules(Evaluate(problem, ("a1", "r1"), ("a2", "r1"), ("a3", "r1"))));
        Assert.True(Evaluate(problem, ("a1", "r1"), ("a2", "r1"), ("a3", "r2")).IsFeasible);
    }

    [Fact]
    public void Skills_RepWithoutTheSkill_IsViolated_RepWithIt_IsNot()
    {
        var problem = TerritoryProblem.Create([Rep("r1", skills: ["healthcare"]), Rep("r2")], [Account("a1", skills: ["healthcare"])]);
        var violation = Assert.Single(Evaluate(problem, ("a1", "r2")).Violations);
        Assert.Equal(RuleNames.Skills, violation.Rule);
        Assert.Contains("healthcare", violation.Message);
        Assert.True(Evaluate(problem, ("a1", "r1")).IsFeasible);
    }

    [Fact]
    public void Lock_OtherRep_IsViolated_LockedRep_IsNot()
    {
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], [Account("a1", locked: "r2")]);
        Assert.Equal([RuleNames.Lock], Rules(Evaluate(problem, ("a1", "r1"))));
        Assert.True(Evaluate(problem, ("a1", "r2")).IsFeasible);
    }

    [Fact]
    public void PairsOnly_UnlistedPair_IsViolated_ListedPair_IsNot()
    {
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], [Account("a1")], Options(pairsOnly: true),
            [new Pair(new AccountId("a1"), new RepId("r2"), 5, null)]);
        Assert.Equal([RuleNames.PairsOnly], Rules(Evaluate(problem, ("a1", "r1"))));
        Assert.True(Evaluate(problem, ("a1", "r2")).IsFeasible);
    }

    [Fact]
    public void EachAccountOnce_UnassignedOrTwice_IsViolated()
    {
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], [Account("a1"), Account("a2")]);
        var missing = Assert.Single(Evaluate(problem, ("a1", "r1")).Violations);
        Assert.Equal(RuleNames.EachAccountOnce, missing.Rule);
        Assert.Equal(["a2"], missing.AccountIds);
        Assert.Contains(RuleNames.EachAccountOnce, Rules(Evaluate(problem, ("a1", "r1"), ("a1", "r2"), ("a2", "r1"))));
        Assert.Contains(RuleNames.EachAccountOnce, Rules(Evaluate(problem, ("a1", "r1"), ("a2", "nobody"))));
    }

    [Fact]
    public void Balance_TwelvePercentOverFairShare_IsViolated_EightPercentIsNot()
    {
        // Capacities 100 and 300: fair shares of 100 hours are 25 and 75; tolerance 10% allows [22.5, 27.5] for r1.
        var options = Options(balance: new BalanceRule(BalanceMetric.Workload, 0.10));
        var r = new[] { Rep("r1", 100), Rep("r2", 300) };
        var over = TerritoryProblem.Create(r, [Account("a1", 28), Account("a2", 72)], options);
        var violation = Assert.Single(Evaluate(over, ("a1", "r1"), ("a2", "r2")).Violations);
        Assert.Equal(RuleNames.Balance, violation.Rule);
        Assert.Equal(["r1"], violation.RepIds);

        var within = TerritoryProblem.Create(r, [Account("a1", 27), Account("a2", 73)], options);
        var evaluation = Evaluate(within, ("a1", "r1"), ("a2", "r2"));
        Assert.True(evaluation.IsFeasible);
        Assert.Equal(0.08, evaluation.Reps[0].Deviation, 9);
        Assert.Equal(0.08, evaluation.Kpis.WorkloadMaxDeviation, 9);
    }

    [Fact]
    public void Balance_OnPotential_UsesPotentialNotWorkload()
    {
        var options = Options(balance: new BalanceRule(BalanceMetric.Potential, 0.05));
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")],
            [Account("a1", 50, potential: 100), Account("a2", 1, potential: 100)], options);
        Assert.True(Evaluate(problem, ("a1", "r1"), ("a2", "r2")).IsFeasible);
        Assert.Equal([RuleNames.Balance, RuleNames.Balance], Rules(Evaluate(problem, ("a1", "r1"), ("a2", "r1"))));
    }

    [Fact]
    public void MaxMovedShare_ThreeMovesForAShareOfTwo_IsViolated_TwoIsNot()
    {
        // Ten accounts with a current rep, share 0.2: at most 2 may move. The orphaned account does not count.
        var accounts = Enumerable.Range(1, 10).Select(i => Account($"a{i}", 1, current: "r1"))
            .Append(Account("a11", 1, current: "gone")).ToList();
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], accounts, Options(maxMovedShare: 0.2));
        (string, string)[] Plan(int moved) =>
            accounts.Select((a, i) => (a.Id.Value, i < moved || a.Id.Value == "a11" ? "r2" : "r1")).ToArray();

        var three = Evaluate(problem, Plan(3));
        Assert.Equal([RuleNames.MaxMovedShare], Rules(three));
        Assert.Equal(3, three.Kpis.MovedAccounts);
        Assert.Equal(1, three.Kpis.OrphanedAccounts);
        Assert.True(Evaluate(problem, Plan(2)).IsFeasible);
    }

    [Fact]
    public void Contiguity_SplitTerritory_IsViolated_ConnectedIsNot()
    {
        // A 3x3 grid of units, rook adjacency:
        //   u1 u2 u3
        //   u4 u5 u6
        //   u7 u8 u9
        // r1 = {u1, u2, u3} is connected; r1 = {u1, u3} is two pieces.
        var units = Grid3x3();
        var accounts = units.Select(u => Account($"a-{u.Id}", unit: u.Id.Value)).ToList();
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], accounts, Options(contiguity: true), units: units);
        (string, string)[] Plan(params string[] r1Units) =>
            units.Select(u => ($"a-{u.Id}", r1Units.Contains(u.Id.Value) ? "r1" : "r2")).ToArray();

        Assert.True(Evaluate(problem, Plan("u1", "u2", "u3")).IsFeasible);
        var split = Evaluate(problem, Plan("u1", "u3"));
        var violation = Assert.Single(split.Violations);
        Assert.Equal(RuleNames.Contiguity, violation.Rule);
        Assert.Equal(["r1"], violation.RepIds);
    }

    [Fact]
    public void UnitTogether_UnitSplitBetweenReps_IsViolated()
    {
        var units = Grid3x3();
        var accounts = new[] { Account("a1", unit: "u5"), Account("a2", unit: "u5") };
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], accounts, Options(contiguity: true), units: units);
        Assert.Equal([RuleNames.UnitTogether], Rules(Evaluate(problem, ("a1", "r1"), ("a2", "r2"))));
        Assert.True(Evaluate(problem, ("a1", "r1"), ("a2", "r1")).IsFeasible);
    }

    [Fact]
    public void Kpis_TravelAndMoves_AreRecomputedFromThePlan()
    {
        // Account one degree of latitude north of r1's home, two degrees north of r2's.
        var degree = 6371.0088 * Math.PI / 180;
        var problem = TerritoryProblem.Create(
            [Rep("r1", home: new GeoPoint(1, 0)), Rep("r2", home: new GeoPoint(0, 0))],
            [Account("a1", 10, location: new GeoPoint(2, 0), revenue: 500, current: "r1"), Account("a2", 5, location: new GeoPoint(1, 0), revenue: 100, current: "r1")]);
        var evaluation = Evaluate(problem, ("a1", "r2"), ("a2", "r1"));

        Assert.Equal(2 * degree, evaluation.Kpis.TotalTravelKm, 6);
        Assert.Equal(1, evaluation.Kpis.MovedAccounts);
        Assert.Equal(500m, evaluation.Kpis.MovedRevenue);
        Assert.Equal(1, evaluation.Reps[1].MovedIn);
        Assert.Equal(1, evaluation.Reps[0].MovedOut);
        Assert.Equal(2 * degree * 10, evaluation.ObjectiveTerms.Single(t => t.Term == ObjectiveTerm.Travel).Raw, 6);
    }

    [Fact]
    public void Objective_CostOnly_IsExactlyTheSumOfPairCosts()
    {
        var pairs = new[]
        {
            new Pair(new AccountId("a1"), new RepId("r1"), 0.1m, null), new Pair(new AccountId("a1"), new RepId("r2"), 7m, null),
            new Pair(new AccountId("a2"), new RepId("r1"), 0.2m, null), new Pair(new AccountId("a2"), new RepId("r2"), 9m, null),
        };
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], [Account("a1"), Account("a2")],
            Options(weights: new ObjectiveWeights(0, 0, 0, 1), pairsOnly: true), pairs);
        Assert.Equal(0.3m, Evaluate(problem, ("a1", "r1"), ("a2", "r1")).Objective);
        Assert.Equal(9.1m, Evaluate(problem, ("a1", "r1"), ("a2", "r2")).Objective);
    }

    [Fact]
    public void Objective_SeveralWeights_NormalisesEachTerm()
    {
        // Travel scale: both accounts at their nearest rep = 10*d + 5*0; disruption scale: revenue with a current rep = 600.
        var problem = TerritoryProblem.Create(
            [Rep("r1", home: new GeoPoint(1, 0)), Rep("r2", home: new GeoPoint(0, 0))],
            [Account("a1", 10, location: new GeoPoint(2, 0), revenue: 500, current: "r1"), Account("a2", 5, location: new GeoPoint(1, 0), revenue: 100, current: "r1")],
            Options(weights: new ObjectiveWeights(0, 1, 2, 0)));
        var evaluation = Evaluate(problem, ("a1", "r2"), ("a2", "r1"));
        // travel = 10 * 2d / (10 * d) = 2; disruption = 2 * 500 / 600.
        Assert.Equal(2.0 + 2 * 500.0 / 600, (double)evaluation.Objective, 9);
        Assert.Equal(600, evaluation.ObjectiveTerms.Single(t => t.Term == ObjectiveTerm.Disruption).Scale);
    }

    private static List<Unit> Grid3x3()
    {
        var neighbors = new Dictionary<string, string[]>
        {
            ["u1"] = ["u2", "u4"], ["u2"] = ["u3", "u5"], ["u3"] = ["u6"], ["u4"] = ["u5", "u7"], ["u5"] = ["u6", "u8"],
            ["u6"] = ["u9"], ["u7"] = ["u8"], ["u8"] = ["u9"], ["u9"] = [],
        };
        return neighbors.Select(kv => new Unit(new UnitId(kv.Key), kv.Value.Select(n => new UnitId(n)).ToList())).ToList();
    }
}
