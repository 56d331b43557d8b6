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

/// <summary>
/// The balance band on a hand-drawn book: reps r0 (capacity 100) and r1 (capacity 300), so fair-share fractions 1/4 and
/// 3/4; four accounts of 10, 10, 20 and 40 hours (total 80): fair shares 20 and 60, with ±10% the bands [18, 22] and
/// [54, 66]. Only {10, 10} or {20} at r0 fit: r0 = 20, r1 = 60.
/// </summary>
public class BalanceBandTests
{
    private static TerritoryProblem Book(double tolerance) => TerritoryProblem.Create(
        [Build.Rep("r0", 100), Build.Rep("r1", 300)],
        [Build.Account("a", 10), Build.Account("b", 10), Build.Account("c", 20), Build.Account("d", 40)],
        Options(TravelOnly with { Travel = 0, Cost = 1 }, new BalanceRule(BalanceMetric.Workload, tolerance)));

    [Fact]
    public void Bounds_AreTheFairShareWithinTheTolerance()
    {
        var band = BalanceBand.For(Book(0.10))!;

        Assert.True(band.FixedTotal);
        Assert.Equal(80, band.Total, 9);
        Assert.Equal([18, 54], band.Lower.Select(v => Math.Round(v, 9)));
        Assert.Equal([22, 66], band.Upper.Select(v => Math.Round(v, 9)));
    }

    /// <summary>Narrowed to ±5%, the same fair shares bound the reps closer: [19, 21] and [57, 63].</summary>
    [Fact]
    public void Narrowed_BoundsTheSameSharesWithinTheSmallerTolerance()
    {
        var band = BalanceBand.For(Book(0.10))!.Narrowed(0.05);

        Assert.Equal(0.05, band.Tolerance);
        Assert.Equal([19, 57], band.Lower.Select(v => Math.Round(v, 9)));
        Assert.Equal([21, 63], band.Upper.Select(v => Math.Round(v, 9)));
    }

    /// <summary>The band and the evaluator agree: r0 with 20 (inside) passes both, r0 with 10 or 30 (outside) fails both.</summary>
    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, true)]
    [InlineData(new[] { 1, 1, 0, 1 }, true)]
    [InlineData(new[] { 0, 1, 1, 1 }, false)]
    [InlineData(new[] { 0, 0, 0, 1 }, false)]
    public void Bounds_AgreeWithTheEvaluator(int[] repOf, bool inside)
    {
        var problem = Book(0.10);
        var band = BalanceBand.For(problem)!;
        var load = new double[2];
        for (var a = 0; a < repOf.Length; a++) load[repOf[a]] += problem.Accounts[a].Workload!.Value;

        var bandSays = Enumerable.Range(0, 2).All(r => load[r] >= band.Lower[r] && load[r] <= band.Upper[r]);
        var evaluatorSays = PlanEvaluator.Evaluate(problem, repOf).Violations.All(v => v.Rule != RuleNames.Balance);

        Assert.Equal(inside, bandSays);
        Assert.Equal(inside, evaluatorSays);
    }

    /// <summary>A tiny CP-SAT model with only "each account once" and the band: every solution puts r0 at exactly 20.</summary>
    [Fact]
    public void AddFixed_InATinyModel_AllowsOnlyPlansInsideTheBand()
    {
        var problem = Book(0.10);
        var band = BalanceBand.For(problem)!;
        var model = new CpModel();
        var x = Enumerable.Range(0, 4).Select(a => new[] { model.NewBoolVar($"x{a}0"), model.NewBoolVar($"x{a}1") }).ToArray();
        foreach (var row in x) model.AddExactlyOne(row);
        var workload = problem.Accounts.Select(a => (long)a.Workload!.Value).ToArray();
        var scale = new IntegerScale(1, true);
        for (var r = 0; r < 2; r++)
            band.AddFixed(model, r, LinearExpr.WeightedSum(x.Select(row => row[r]), workload), 4, 0, scale);
        var loads = new R0Loads(x, workload);

        new CpSolver { StringParameters = "num_workers:1, enumerate_all_solutions:true" }.Solve(model, loads);

        Assert.Equal(2, loads.Seen.Count); // {a, b} or {c} at r0
        Assert.All(loads.Seen, load => Assert.Equal(20, load));
    }

    private sealed class R0Loads(BoolVar[][] x, long[] workload) : CpSolverSolutionCallback
    {
        public List<long> Seen { get; } = [];

        public override void OnSolutionCallback() => Seen.Add(Enumerable.Range(0, x.Length).Sum(a => BooleanValue(x[a][0]) ? workload[a] : 0));
    }

    /// <summary>The LP rows: minimising r0's share of account d under the band cannot push r0 below 18 or r1 above 66.</summary>
    [Fact]
    public void AddTo_InAnLp_KeepsEveryRepInsideTheBand()
    {
        var problem = Book(0.10);
        var band = BalanceBand.For(problem)!;
        using var solver = LP.Solver.CreateSolver("GLOP")!;
        var x = Enumerable.Range(0, 4).Select(a => new[] { solver.MakeNumVar(0, 1, ""), solver.MakeNumVar(0, 1, "") }).ToArray();
        for (var a = 0; a < 4; a++)
        {
            var once = solver.MakeConstraint(1, 1);
            once.SetCoefficient(x[a][0], 1);
            once.SetCoefficient(x[a][1], 1);
        }
        for (var r = 0; r < 2; r++)
        {
            var (upper, lower) = band.AddTo(solver, r, null);
            Assert.Null(lower);
            for (var a = 0; a < 4; a++) upper.SetCoefficient(x[a][r], problem.Accounts[a].Workload!.Value);
        }
        // Push as much work as possible to r1.
        for (var a = 0; a < 4; a++) solver.Objective().SetCoefficient(x[a][0], problem.Accounts[a].Workload!.Value);
        solver.Objective().SetMinimization();

        Assert.Equal(LP.Solver.ResultStatus.OPTIMAL, solver.Solve());
        Assert.Equal(18, solver.Objective().Value(), 6);
    }

    [Fact]
    public void Describe_SaysTheMetricAndTheTolerance()
    {
        Assert.Equal("balance of workload within ±10% of fair share", BalanceBand.For(Book(0.10))!.Describe());
    }

    /// <summary>Two reps of equal capacity, accounts of 10 and 90 hours: bands [45, 55]; the 90-hour account fits no rep's
    /// band, and the pre-check names it in the band's words.</summary>
    [Fact]
    public void FeasibilityChecks_AnAccountLargerThanEveryBand_IsNamedInTheBandsWords()
    {
        var problem = TerritoryProblem.Create([Build.Rep("r0", 100), Build.Rep("r1", 100)],
            [Build.Account("a", 10), Build.Account("big", 90)],
            Options(TravelOnly with { Travel = 0, Cost = 1 }, new BalanceRule(BalanceMetric.Workload, 0.10)));

        var diagnostics = new FeasibilityChecks(problem).Run();

        var diagnostic = Assert.Single(diagnostics, d => d.Code == Territories.Domain.Plans.DiagnosticCodes.BalanceImpossible && d.AccountIds is { Count: > 0 });
        Assert.Equal("1 account(s) alone exceed the most workload any of their eligible reps may carry within 10% of fair share (big)", diagnostic.Message);
    }
}
