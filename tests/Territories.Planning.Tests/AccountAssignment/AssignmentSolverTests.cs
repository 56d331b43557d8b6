using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;
using static Territories.Tests.Shared.Build;

namespace Territories.Planning.Tests.AccountAssignment;

public class AssignmentSolverTests
{
    [Fact]
    public void Solve_TinyCostProblem_FindsTheProvenOptimum()
    {
        // a1: r1 costs 1, r2 costs 4; a2: r1 costs 2, r2 costs 3. r1 can hold only one account (workload 10, capacity 15).
        // Best: a1 -> r1 (1), a2 -> r2 (3) = 4; the alternative a2 -> r1, a1 -> r2 costs 6.
        var pairs = new[]
        {
            new Pair(new AccountId("a1"), new RepId("r1"), 1, null), new Pair(new AccountId("a1"), new RepId("r2"), 4, null),
            new Pair(new AccountId("a2"), new RepId("r1"), 2, null), new Pair(new AccountId("a2"), new RepId("r2"), 3, null),
        };
        var problem = TerritoryProblem.Create([Rep("r1", 15), Rep("r2", 100)], [Account("a1"), Account("a2")], Options(CostOnly, pairsOnly: true), pairs);

        var plan = Solve(problem);

        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Equal(4m, plan.Objective);
        Assert.Equal(4m, plan.Bound);
        Assert.Equal("r1", RepOf(plan, "a1"));
        Assert.Equal("r2", RepOf(plan, "a2"));
        AssertValid(problem, plan);
    }

    [Fact]
    public void Solve_GeneralisedAssignment_ObjectiveIsExactlyTheSumOfChosenCosts()
    {
        var problem = Gap(agents: 5, jobs: 40, seed: 7);

        var plan = Solve(problem);

        var evaluation = AssertValid(problem, plan);
        var sum = plan.Assignments.Sum(a => problem.CostOf(problem.AccountIndexOf(a.AccountId), problem.RepIndexOf(a.RepId)));
        Assert.Equal(sum, plan.Objective);
        Assert.Equal(sum, evaluation.Kpis.TotalCost);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
    }

    [Fact]
    public void Solve_TravelOnly_GivesEachAccountItsNearestRepWhenCapacityAllows()
    {
        var problem = TerritoryProblem.Create(
            [Rep("west", home: new GeoPoint(40, -80)), Rep("east", home: new GeoPoint(40, -70))],
            [Account("a1", location: new GeoPoint(40.5, -79)), Account("a2", location: new GeoPoint(39.5, -71)), Account("a3", location: new GeoPoint(41, -74))],
            Options(TravelOnly));

        var plan = Solve(problem);

        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Equal("west", RepOf(plan, "a1"));
        Assert.Equal("east", RepOf(plan, "a2"));
        Assert.Equal("east", RepOf(plan, "a3"));
        AssertValid(problem, plan);
    }

    [Fact]
    public void Solve_CapacityFull_SendsTheCheapestToMoveAccountFurther()
    {
        // Both accounts are nearest to "west", which has room for one: the one closer to "east" goes east.
        var problem = TerritoryProblem.Create(
            [Rep("west", 10, home: new GeoPoint(40, -80)), Rep("east", 100, home: new GeoPoint(40, -70))],
            [Account("a1", 10, location: new GeoPoint(40, -79.5)), Account("a2", 10, location: new GeoPoint(40, -76))],
            Options(TravelOnly));

        var plan = Solve(problem);

        Assert.Equal("west", RepOf(plan, "a1"));
        Assert.Equal("east", RepOf(plan, "a2"));
        AssertValid(problem, plan);
    }

    [Fact]
    public void Solve_LocksAndSkills_AlwaysHold()
    {
        var problem = TerritoryProblem.Create(
            [Rep("near", home: new GeoPoint(40, -75)), Rep("far", skills: ["healthcare"], home: new GeoPoint(45, -70))],
            [Account("locked", location: new GeoPoint(40, -75), locked: "far"), Account("clinic", skills: ["healthcare"], location: new GeoPoint(40, -75)),
             Account("free", location: new GeoPoint(40, -75))],
            Options(TravelOnly));

        var plan = Solve(problem);

        Assert.Equal("far", RepOf(plan, "locked"));
        Assert.Equal("far", RepOf(plan, "clinic"));
        Assert.Equal("near", RepOf(plan, "free"));
        AssertValid(problem, plan);
    }

    [Fact]
    public void Solve_BalanceTolerance_KeepsEveryRepInsideTheBand()
    {
        // All accounts sit at r1's home, but ±10% balance forces half the workload to r2.
        var accounts = Enumerable.Range(1, 10).Select(i => Account($"a{i}", 10, location: new GeoPoint(40, -75))).ToList();
        var problem = TerritoryProblem.Create([Rep("r1", home: new GeoPoint(40, -75)), Rep("r2", home: new GeoPoint(41, -75))], accounts,
            Options(TravelOnly, new BalanceRule(BalanceMetric.Workload, 0.10)));

        var plan = Solve(problem);

        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.All(plan.Reps, r => Assert.Equal(50, r.Workload));
        AssertValid(problem, plan);
    }

    [Fact]
    public void Solve_BalanceWeight_MinimisesTheLargestDeviation()
    {
        // Workloads 30, 30, 20, 20 over two equal reps: 50/50 is possible and is the only plan with deviation 0.
        var accounts = new[] { Account("a1", 30), Account("a2", 30), Account("a3", 20), Account("a4", 20) };
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")], accounts, Options(new ObjectiveWeights(1, 0, 0, 0)));

        var plan = Solve(problem);

        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Equal(0m, plan.Objective);
        Assert.All(plan.Reps, r => Assert.Equal(50, r.Workload));
    }

    [Fact]
    public void Solve_MaxMovedShare_MovesNoMoreThanAllowed()
    {
        // Ten accounts all owned by r1 but sitting at r2's home; only 30% may move.
        var accounts = Enumerable.Range(1, 10).Select(i => Account($"a{i}", 1, location: new GeoPoint(41, -75), current: "r1")).ToList();
        var problem = TerritoryProblem.Create([Rep("r1", home: new GeoPoint(40, -75)), Rep("r2", home: new GeoPoint(41, -75))], accounts,
            Options(TravelOnly, maxMovedShare: 0.3));

        var plan = Solve(problem);

        Assert.Equal(3, plan.Kpis!.MovedAccounts);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
        AssertValid(problem, plan);
    }

    [Fact]
    public void Solve_DisruptionWeight_KeepsAccountsWhenMovingGainsLittle()
    {
        // Moving a1 saves a little travel but costs its whole revenue share: it stays.
        var problem = TerritoryProblem.Create(
            [Rep("r1", home: new GeoPoint(40, -75)), Rep("r2", home: new GeoPoint(40, -74.9))],
            [Account("a1", 10, location: new GeoPoint(40, -74.95), revenue: 1000, current: "r1"), Account("a2", 10, location: new GeoPoint(40, -74.9), revenue: 1000, current: "r2")],
            Options(new ObjectiveWeights(0, 1, 1, 0)));

        var plan = Solve(problem);

        Assert.Equal(0, plan.Kpis!.MovedAccounts);
        AssertValid(problem, plan);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Solve_SeededBooks_EveryPlanPassesTheEvaluator(int seed)
    {
        var options = SyntheticBook.DefaultOptions with { Workers = 1, TimeLimitSeconds = 600, MaxMovedShare = seed % 2 == 0 ? 0.6 : null };
        if (seed == 3) options = options with { Weights = new ObjectiveWeights(1, 1, 1, 0) };
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(120, 6, seed), options);

        var plan = Solve(problem, deterministicTime: 2);

        Assert.Contains(plan.Status, new[] { PlanStatus.Optimal, PlanStatus.Feasible });
        var evaluation = AssertValid(problem, plan);
        Assert.Equal(evaluation.Kpis, plan.Kpis);
        for (var a = 0; a < problem.Accounts.Count; a++)
        {
            var rep = problem.Reps[problem.RepIndexOf(plan.Assignments[a].RepId)];
            Assert.True(rep.HasSkills(problem.Accounts[a].RequiredSkills));
        }
    }

    /// <summary>
    /// With a move cap, LP-and-fix goes on from the best plan after proving the split accounts' model optimal (that proof
    /// holds with every other account where the LP puts it; under the cap, which accounts move is a choice of its own);
    /// without one it stops there. Read from the solve's trace (what `territories solve --verbose` prints).
    /// </summary>
    [Theory]
    [InlineData(0.6, true)]
    [InlineData(null, false)]
    public void Solve_AfterProvingTheSplitAccounts_GoesOnFromThePlanOnlyUnderAMoveCap(double? maxMovedShare, bool goesOn)
    {
        var options = SyntheticBook.DefaultOptions with { Workers = 1, TimeLimitSeconds = 600, MaxMovedShare = maxMovedShare, Weights = new ObjectiveWeights(0, 1, 1, 0) };
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(120, 6, 1), options);
        var trace = new StringWriter();

        var plan = new AssignmentSolver(deterministicTime: 2, log: trace).Solve(problem, null, CancellationToken.None);

        AssertValid(problem, plan);
        var steps = trace.ToString().Split('\n').Where(line => line.Contains("lp-and-fix")).ToList();
        Assert.True(steps[0].Contains("status=Optimal"), trace.ToString());
        Assert.Equal(goesOn, steps.Skip(1).Any(line => line.Contains("lp-and-fix from the incumbent")));
    }

    /// <summary>
    /// Under a move cap with two workers on the wall clock, the neighbourhood search runs in lanes: first before
    /// LP-and-fix from the best plan, then beside CP-SAT on the whole model (which keeps one worker for its bound); with
    /// one worker neither. Read from the solve's trace; the plan keeps every rule either way.
    /// </summary>
    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void Solve_UnderAMoveCap_WithTwoWorkers_RunsNeighbourhoodsBeforeLpAndFixFromThePlanAndBesideTheWholeModel(int workers, bool lanes)
    {
        var options = SyntheticBook.DefaultOptions with { Workers = workers, TimeLimitSeconds = 6, MaxMovedShare = 0.6, Weights = new ObjectiveWeights(0, 1, 1, 0) };
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(120, 6, 1), options);
        var trace = new StringWriter();

        var plan = new AssignmentSolver(log: trace).Solve(problem, null, CancellationToken.None);

        AssertValid(problem, plan);
        var lines = trace.ToString().Split('\n');
        var first = Array.FindIndex(lines, line => line.Contains("neighbourhoods before lp-and-fix from the plan"));
        var fromThePlan = Array.FindIndex(lines, line => line.Contains("lp-and-fix from the incumbent"));
        Assert.True(fromThePlan >= 0, trace.ToString());
        Assert.Equal(lanes, first >= 0 && first < fromThePlan);
        Assert.Equal(lanes, lines.Any(line => line.Contains("neighbourhoods beside the whole model")));
    }

    [Fact]
    public void Solve_LargeProblem_PrunesCandidatesAndStillBoundsEveryEligiblePair()
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(3000, 30, 11), SyntheticBook.DefaultOptions with { Workers = 1, TimeLimitSeconds = 600 });

        var plan = Solve(problem, deterministicTime: 3);

        Assert.Equal(SolveOptions.DefaultCandidateReps, plan.Solver.CandidateReps);
        Assert.Equal("lp-relaxation", plan.Solver.BoundSource);
        Assert.Contains(plan.Diagnostics, d => d.Code == DiagnosticCodes.Pruned);
        AssertValid(problem, plan);
        Assert.True(plan.Gap < 0.05, $"gap {plan.Gap}");
    }

    /// <summary>
    /// A generalised assignment problem above the pruning threshold (30 x 1,400 = 42,000 pairs) has no geography, so its
    /// cheapest agents are not a neighbourhood: it is solved over every pair and says nothing about pruning.
    /// </summary>
    [Fact]
    public void Solve_LargeProblemWithoutGeography_IsNotPruned()
    {
        var problem = Gap(30, 1400, seed: 5);
        Assert.True(30 * 1400 > AssignmentSolver.PruneAbovePairs);

        var plan = Solve(problem, deterministicTime: 1);

        Assert.Null(plan.Solver.CandidateReps);
        Assert.DoesNotContain(plan.Diagnostics, d => d.Code == DiagnosticCodes.Pruned);
        AssertValid(problem, plan);
    }

    [Fact]
    public void Solve_Progress_ReportsEachBetterPlan()
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(200, 8, 3), SyntheticBook.DefaultOptions with { Workers = 1, TimeLimitSeconds = 600 });
        var snapshots = new List<PlanSnapshot>();

        var plan = Solve(problem, deterministicTime: 2, new SynchronousProgress<PlanSnapshot>(snapshots.Add));

        Assert.NotEmpty(snapshots);
        for (var i = 1; i < snapshots.Count; i++) Assert.True(snapshots[i].Objective < snapshots[i - 1].Objective);
        Assert.Equal(plan.Objective, snapshots[^1].Objective);
    }

    [Fact]
    public async Task Solve_Cancelled_ReturnsTheBestPlanSoFar()
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(2000, 20, 5),
            SyntheticBook.DefaultOptions with { TimeLimitSeconds = 600, Workers = 1 });
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<PlanSnapshot>(_ => cancel.Cancel());

        var plan = await new AssignmentSolver().SolveAsync(problem, progress, cancel.Token);

        Assert.True(cancel.IsCancellationRequested);
        Assert.Contains(plan.Status, new[] { PlanStatus.Optimal, PlanStatus.Feasible });
        Assert.True(plan.SolveSeconds < 300);
        AssertValid(problem, plan, requireBound: false);
    }

    [Fact]
    public void Solve_FeasibleCurrentPlan_IsKeptWhenMovingCostsMoreThanItSaves()
    {
        // a1 sits a little nearer r2 but is owned by r1; its revenue makes a move cost far more than the travel it saves.
        var problem = TerritoryProblem.Create(
            [Rep("r1", home: new GeoPoint(40, -75)), Rep("r2", home: new GeoPoint(40, -74))],
            [Account("a1", 10, location: new GeoPoint(40, -74.6), revenue: 900, current: "r1"),
             Account("a2", 10, location: new GeoPoint(40, -74.1), revenue: 100, current: "r2")],
            Options(new ObjectiveWeights(0, 1, 5, 0)));
        var current = Territories.Domain.Evaluation.PlanEvaluator.Evaluate(problem, [0, 1]);

        var plan = Solve(problem);

        Assert.Equal(0, plan.Kpis!.MovedAccounts);
        Assert.Equal(current.Objective, plan.Objective);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
    }

    [Fact]
    public void Solve_OrphanedAccounts_AreListedAndMustMove()
    {
        var problem = TerritoryProblem.Create([Rep("r1"), Rep("r2")],
            [Account("a1", current: "left-the-company"), Account("a2", current: "r1")], Options(new ObjectiveWeights(0, 0, 1, 0), maxMovedShare: 0));

        var plan = Solve(problem);

        var orphaned = Assert.Single(plan.Diagnostics, d => d.Code == DiagnosticCodes.Orphaned);
        Assert.Equal([new AccountId("a1")], orphaned.AccountIds);
        Assert.Equal("r1", RepOf(plan, "a2"));
        AssertValid(problem, plan);
    }
}
