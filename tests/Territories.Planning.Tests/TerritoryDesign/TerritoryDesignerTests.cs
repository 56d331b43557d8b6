using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using static Territories.Planning.Tests.Problems;
using static Territories.Tests.Shared.Build;

namespace Territories.Planning.Tests.TerritoryDesign;

public class TerritoryDesignerTests
{
    /// <summary>
    /// A grid of square units, one account of workload 10 in each, neighbours by shared side (rook):
    /// <code>
    ///   u00 u01 u02 u03        r1 lives at u00's corner,
    ///   u10 u11 u12 u13        r2 at u33's.
    ///   u20 u21 u22 u23
    ///   u30 u31 u32 u33
    /// </code>
    /// </summary>
    private static (List<Account> Accounts, List<Unit> Units) Grid(int size, Func<int, int, double>? workload = null)
    {
        var accounts = new List<Account>();
        var units = new List<Unit>();
        for (var row = 0; row < size; row++)
        for (var col = 0; col < size; col++)
        {
            var id = $"u{row}{col}";
            accounts.Add(Account($"a{row}{col}", workload?.Invoke(row, col) ?? 10, location: new GeoPoint(40 - row * 0.1, -80 + col * 0.1), unit: id));
            var neighbours = new[] { (row - 1, col), (row + 1, col), (row, col - 1), (row, col + 1) }
                .Where(p => p.Item1 >= 0 && p.Item1 < size && p.Item2 >= 0 && p.Item2 < size)
                .Select(p => new UnitId($"u{p.Item1}{p.Item2}")).ToList();
            units.Add(new Unit(new UnitId(id), neighbours));
        }
        return (accounts, units);
    }

    private static SolveOptions Contiguous(double tolerance) =>
        Options(TravelOnly, new BalanceRule(BalanceMetric.Workload, tolerance)) with { Contiguity = true };

    [Fact]
    public void Solve_Grid_FindsTheProvenOptimumWithConnectedBalancedTerritories()
    {
        var (accounts, units) = Grid(4);
        var reps = new[] { Rep("r1", 100, home: new GeoPoint(40.05, -80.05)), Rep("r2", 100, home: new GeoPoint(39.65, -79.65)) };
        var problem = TerritoryProblem.Create(reps, accounts, Contiguous(0.0), units: units);

        var plan = Solve(problem);

        Assert.Equal(PlanStatus.Optimal, plan.Status);
        var evaluation = AssertValid(problem, plan);
        Assert.All(evaluation.Reps, r => Assert.Equal(8, r.Accounts));
        Assert.Equal("r1", RepOf(plan, "a00"));
        Assert.Equal("r2", RepOf(plan, "a33"));
    }

    [Fact]
    public void Solve_WithAndWithoutContiguity_TheContiguousPlanIsConnectedAndCostsNoLess()
    {
        // The middle row is heavy: without contiguity the cheapest balanced plan may hop across it.
        var (accounts, units) = Grid(3, (row, col) => row == 1 ? 30 : 10);
        var reps = new[] { Rep("r1", 200, home: new GeoPoint(40.05, -80.05)), Rep("r2", 200, home: new GeoPoint(39.75, -79.75)) };
        var free = TerritoryProblem.Create(reps, accounts, Options(TravelOnly, new BalanceRule(BalanceMetric.Workload, 0.2)), units: units);
        var contiguous = free.WithOptions(free.Options with { Contiguity = true });

        var freePlan = Solve(free);
        var contiguousPlan = Solve(contiguous);

        AssertValid(contiguous, contiguousPlan);
        Assert.True(contiguousPlan.Objective >= freePlan.Objective);
    }

    [Fact]
    public void Solve_LocksThatSplitARep_IsInfeasibleWithTheConflictNamed()
    {
        // u0 - u1 - u2 in a line; r1 holds u0 and u2 by lock, r2 holds u1: r1's territory cannot be connected.
        var units = new[] { new Unit(new UnitId("u0"), [new UnitId("u1")]), new Unit(new UnitId("u1"), [new UnitId("u2")]), new Unit(new UnitId("u2"), []) };
        var accounts = new[] { Account("a0", locked: "r1", unit: "u0"), Account("a1", locked: "r2", unit: "u1"), Account("a2", locked: "r1", unit: "u2") };
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], accounts, Contiguous(1.0) with { Weights = CostOnly }, units: units);

        var plan = Solve(problem);

        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        Assert.Contains(plan.Diagnostics, d => d.Code == DiagnosticCodes.ContiguityConflict);
    }

    [Fact]
    public void Solve_MorePiecesThanReps_IsInfeasibleNamingThePieces()
    {
        var units = new[] { new Unit(new UnitId("u0"), []), new Unit(new UnitId("u1"), []), new Unit(new UnitId("u2"), []) };
        var accounts = new[] { Account("a0", unit: "u0"), Account("a1", unit: "u1"), Account("a2", unit: "u2") };
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], accounts, Contiguous(1.0) with { Weights = CostOnly }, units: units);

        var plan = Solve(problem);

        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        Assert.Contains("3 separate pieces", Assert.Single(plan.Diagnostics, d => d.Code == DiagnosticCodes.UnitsDisconnected).Message);
    }

    [Fact]
    public void Solve_UnitWhoseAccountsNoSingleRepMayTake_IsNamed()
    {
        var units = new[] { new Unit(new UnitId("u0"), []) };
        var accounts = new[] { Account("a0", skills: ["french"], unit: "u0"), Account("a1", skills: ["german"], unit: "u0") };
        var problem = TerritoryProblem.Create([Rep("r1", skills: ["french"]), Rep("r2", skills: ["german"])], accounts, Contiguous(1.0) with { Weights = CostOnly }, units: units);

        var plan = Solve(problem);

        var diagnostic = Assert.Single(plan.Diagnostics, d => d.Code == DiagnosticCodes.UnitWithoutRep);
        Assert.Equal(["french", "german"], diagnostic.Skills);
    }

    [Fact]
    public void Solve_RandomGrids_EveryPlanPassesTheIndependentConnectivityCheck()
    {
        for (var seed = 0; seed < 4; seed++)
        {
            var random = new Random(seed);
            var (accounts, units) = Grid(6, (_, _) => random.Next(5, 30));
            var reps = Enumerable.Range(0, 4).Select(i => Rep($"r{i}", 400, home: new GeoPoint(40 - random.NextDouble() * 0.5, -80 + random.NextDouble() * 0.5))).ToArray();
            var problem = TerritoryProblem.Create(reps, accounts, Contiguous(0.25) with { Weights = new ObjectiveWeights(1, 1, 0, 0) }, units: units);

            var plan = Solve(problem, deterministicTime: 2);

            AssertValid(problem, plan);
            var graph = UnitGraph.Of(units);
            foreach (var territory in plan.Assignments.GroupBy(a => a.RepId))
            {
                var members = territory.Select(a => accounts.Single(x => x.Id == a.AccountId).UnitId!.Value).ToHashSet();
                Assert.Single(graph.Components(members));
            }
        }
    }
}
