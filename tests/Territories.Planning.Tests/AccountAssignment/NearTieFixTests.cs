using Territories.Domain.Evaluation;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class NearTieFixTests
{
    /// <summary>
    /// Free: an account the LP lists two reps near the cheapest for (it may go to those close enough, or stay), and one the
    /// plan and the LP disagree on (the LP's rep, or stay). Fixed: one the LP is sure of and the plan agrees with.
    /// </summary>
    [Fact]
    public void From_FreesTheAccountsTheLpIsNearlyIndifferentAboutOrDisagreesOn()
    {
        var close = NearTieFix.RepsWithin / 2;
        var far = (NearTieFix.RepsWithin + LpRelaxation.NearCheapestWindow) / 2;
        var lp = new LpResult(1, Preferred: [0, 1, 2, 1], Integral: [0, 1, -1, 1], SplitReps: new HashSet<int> { 0, 2 }, Columns: [], PricingRounds: 1,
            Deviation: null, NearCheapest: [[(0, 0)], [(1, 0), (2, close)], [(2, 0), (1, far)], [(1, 0)]]);
        int[] plan = [0, 1, 0, 0];

        var fix = NearTieFix.From(lp, plan);

        Assert.Equal([0, -1, -1, -1], fix.FixedRepOf);
        Assert.Empty(fix.Allowed[0]);
        Assert.Equal([1, 2], fix.Allowed[1].Order());
        Assert.Equal([0, 2], fix.Allowed[2].Order());
        Assert.Equal([0, 1], fix.Allowed[3].Order());
        Assert.Equal(3, fix.FreeCount);
        Assert.Equal([(1, 1), (1, 2), (2, 0), (2, 2), (3, 0), (3, 1)], fix.Pairs.Order());
    }

    /// <summary>
    /// From the greedy's plan of a pruned 400 x 8 book, the model over the near ties, run as the engine runs it (its workers
    /// only improve the hinted plan), moves only free accounts, each to a rep it may go to, and returns a cheaper plan that
    /// keeps every rule, with one worker or two.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Model_FromTheGreedysPlan_MovesOnlyFreeAccountsToTheirRepsAndImproves(int workers)
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(400, 8, 5), SyntheticBook.DefaultOptions with { Workers = 1 });
        var pruned = AssignmentData.Build(problem, 2);
        var lp = LpRelaxation.Solve(pruned, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        var start = GreedyConstruction.Build(pruned, null, ConstructionBudget.Unlimited).RepOfAll();
        var fix = NearTieFix.From(lp, start);
        var data = pruned.WithPairs(lp.Columns).WithPairs(fix.Pairs);
        var model = new CpSatModel(data, switchableRules: false, referenceMetricTotal: null, ModelScope.Fixing(data, fix.FixedRepOf, fix.Allowed));
        model.AddHint(start);

        var outcome = CpSatRun.Solve(model, new SolveSettings(TimeSpan.FromSeconds(60), workers, 0, 5, ImproveOnly: true), null, CancellationToken.None);

        Assert.InRange(fix.FreeCount, 1, data.AccountCount - 1);
        var plan = outcome.Best!;
        Assert.All(Enumerable.Range(0, data.AccountCount), a =>
            Assert.True(fix.FixedRepOf[a] >= 0 ? plan[a] == start[a] : fix.Allowed[a].Contains(plan[a]), $"account {a} on rep {plan[a]}"));
        var evaluation = PlanEvaluator.Evaluate(problem, plan);
        Assert.True(evaluation.IsFeasible);
        Assert.True(evaluation.Objective < PlanEvaluator.Evaluate(problem, start).Objective);
    }

    /// <summary>
    /// Hinted with the LP rounded where it stands (which breaks a rule on this pruned 400 x 8 book) and run with CP-SAT's
    /// usual workers, as the engine first runs it, the model over the near ties of the repaired rounding returns a plan
    /// that keeps every rule, moves only free accounts to reps they may go to, and costs no more than the repaired one.
    /// </summary>
    [Fact]
    public void Model_FromTheLpsRounding_KeepsEveryRuleAndBeatsTheRepairedRounding()
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(400, 8, 5), SyntheticBook.DefaultOptions with { Workers = 1 });
        var pruned = AssignmentData.Build(problem, 2);
        var lp = LpRelaxation.Solve(pruned, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        var withColumns = pruned.WithPairs(lp.Columns);
        var repaired = LpRounding.Build(withColumns, lp.Preferred, ConstructionBudget.Unlimited).RepOfAll();
        var fix = NearTieFix.From(lp, repaired);
        var data = withColumns.WithPairs(fix.Pairs);
        var model = new CpSatModel(data, switchableRules: false, referenceMetricTotal: null, ModelScope.Fixing(data, fix.FixedRepOf, fix.Allowed));
        model.AddHint(lp.Preferred);

        var outcome = CpSatRun.Solve(model, new SolveSettings(TimeSpan.FromSeconds(60), 1, 0, 5), null, CancellationToken.None);

        Assert.False(PlanEvaluator.Evaluate(problem, lp.Preferred).IsFeasible, "the rounding keeps every rule: nothing to show");
        var plan = outcome.Best!;
        Assert.All(Enumerable.Range(0, data.AccountCount), a =>
            Assert.True(fix.FixedRepOf[a] >= 0 ? plan[a] == repaired[a] : fix.Allowed[a].Contains(plan[a]), $"account {a} on rep {plan[a]}"));
        var evaluation = PlanEvaluator.Evaluate(problem, plan);
        Assert.True(evaluation.IsFeasible);
        Assert.True(evaluation.Objective <= PlanEvaluator.Evaluate(problem, repaired).Objective);
    }

    /// <summary>Only past the size one model over all candidates decides well, and only on the books it was measured on (with geography).</summary>
    [Theory]
    [InlineData(true, 1001, true)]
    [InlineData(true, 1000, false)]
    [InlineData(false, 1500, false)]
    public void Applies_WithGeographyAndAWideWidening(bool geography, int widened, bool applies)
    {
        var problem = geography ? SyntheticBook.Generate(new SyntheticBookSettings(300, 10, 4)) : Gap(agents: 8, jobs: 80, seed: 3);

        Assert.Equal(applies, NearTieFix.Applies(AssignmentData.Build(problem, null), widened));
    }
}
