using Territories.Domain.Evaluation;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class RegionalFixTests
{
    /// <summary>
    /// A 300 x 10 book from the greedy's plan with every account free, at most 100 free accounts a region: each model
    /// decides the accounts its region's reps hold in the best plan so far, and nothing else; regions hold at most 100 (a
    /// single rep may hold more) and cover every rep; the plan gets cheaper while every rule keeps holding.
    /// </summary>
    [Fact]
    public void Run_EveryAccountFree_DecidesRegionByRegionAndImprovesThePlan()
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(300, 10, 4), SyntheticBook.DefaultOptions with { Workers = 1, TimeLimitSeconds = 600 });
        var data = AssignmentData.Build(problem, null);
        var incumbent = new Incumbent(problem, new SolveClock(TimeProvider.System, 600), null);
        var start = GreedyConstruction.Build(data, null, ConstructionBudget.Unlimited).RepOfAll();
        Assert.True(incumbent.Offer(start, "construction"));
        var before = incumbent.Evaluation!.Objective;
        var decided = new List<(int[] Scope, int[] Hint)>();
        var settings = new SolveSettings(TimeSpan.FromSeconds(600), 1, 0, 0.5);
        CpSatOutcome Solve(int[] scope, int[] hint, TimeSpan limit)
        {
            decided.Add((scope, hint));
            var model = new CpSatModel(data, switchableRules: false, referenceMetricTotal: null, ModelScope.Fixing(data, scope));
            model.AddHint(hint);
            return CpSatRun.Solve(model, settings, repOf => incumbent.Offer(repOf, "lp-and-fix"), CancellationToken.None);
        }
        var fix = new RegionalFix(data, incumbent, Solve, regionSize: 100);

        fix.Run(Enumerable.Repeat(-1, data.AccountCount).ToArray(), start, TimeSpan.FromSeconds(600), CancellationToken.None);

        Assert.True(fix.Regions.Count >= 3, $"{fix.Regions.Count} regions");
        Assert.Equal(Enumerable.Range(0, data.RepCount), fix.Regions.SelectMany(r => r.Reps).Order());
        Assert.All(fix.Regions, r => Assert.True(r.Free <= 100 || r.Reps.Length == 1, $"{r.Free} free accounts over {r.Reps.Length} reps"));
        // A model decides the accounts its region's reps hold in the plan it starts from, and only those.
        Assert.All(fix.Regions.Zip(decided), e => Assert.All(Enumerable.Range(0, data.AccountCount),
            a => Assert.Equal(e.First.Reps.Contains(e.Second.Hint[a]), e.Second.Scope[a] < 0)));
        Assert.True(incumbent.Evaluation!.Objective < before, $"{incumbent.Evaluation.Objective} against {before}");
        Assert.True(PlanEvaluator.Evaluate(problem, incumbent.RepOf!).IsFeasible);
    }

    /// <summary>Regions only where there are neighbours to cut them by, and only past the size one model decides well.</summary>
    [Theory]
    [InlineData(true, 1001, true)]
    [InlineData(true, 1000, false)]
    [InlineData(false, 1500, false)]
    public void Applies_WithGeographyAndManyFreeAccounts(bool geography, int free, bool applies)
    {
        var problem = geography ? SyntheticBook.Generate(new SyntheticBookSettings(300, 10, 4)) : Gap(agents: 8, jobs: 80, seed: 3);

        Assert.Equal(applies, RegionalFix.Applies(AssignmentData.Build(problem, null), free));
    }
}
