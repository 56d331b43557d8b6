using Territories.Domain.Evaluation;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

/// <summary>
/// Reduced-cost fixing may leave out only what no better plan uses: on a book small enough to try every plan, each
/// source's bound on a pair is at most the cheapest plan that uses it, and at the optimum's objective the bounds rule
/// out some pairs (or the searches after them gain nothing).
/// </summary>
public class PairBoundsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PairBounds_NeverExceedTheCheapestPlanThatUsesThePair(bool fromTheColumnMaster)
    {
        var data = AssignmentData.Build(Gap(agents: 3, jobs: 10, seed: 4), null);
        var bounds = Bounds(data, fromTheColumnMaster);
        var plans = FeasiblePlans(data).ToList();
        var optimal = plans.MinBy(p => p.Objective);

        foreach (var ((account, rep), objective) in CheapestPlanUsingEachPair(plans))
            Assert.True(bounds.Of(account, rep) <= objective + 1e-6, $"pair {account}-{rep}: bound {bounds.Of(account, rep)} above the cheapest plan using it, {objective}");
        var kept = bounds.RepsBelow(data, optimal.Objective, optimal.Plan);
        Assert.True(PairBounds.Count(kept) < data.PairCount, "no pair left out at the optimum's objective: nothing to show");
    }

    /// <summary>
    /// Every pair of every plan cheaper than the objective is kept, and so is every pair of the plan the search starts
    /// from (its hint), even where its own bound rules it out.
    /// </summary>
    [Fact]
    public void RepsBelow_KeepsEveryPairOfACheaperPlanAndThePlansOwn()
    {
        var data = AssignmentData.Build(Gap(agents: 3, jobs: 10, seed: 4), null);
        var bounds = Bounds(data, fromTheColumnMaster: true).Tighter(Bounds(data, fromTheColumnMaster: false));
        var plans = FeasiblePlans(data).OrderBy(p => p.Objective).ToList();
        var threshold = plans[plans.Count / 50].Objective;
        var worst = plans[^1].Plan;

        var kept = bounds.RepsBelow(data, threshold, worst);

        foreach (var (plan, _) in plans.TakeWhile(p => p.Objective < threshold))
            Assert.All(Enumerable.Range(0, data.AccountCount), a => Assert.Contains(plan[a], kept[a]));
        Assert.All(Enumerable.Range(0, data.AccountCount), a => Assert.Contains(worst[a], kept[a]));
        Assert.True(PairBounds.Count(kept) < data.PairCount, "no pair left out: nothing to show");
    }

    /// <summary>
    /// CP-SAT on every account but only the pairs that may be in a plan below a bar (the whole model after the dives, the
    /// bar the best plan's objective; here half a unit above the optimum, where a search that nearly has it stands),
    /// hinted with the greedy plan, decides fewer pairs and still proves the optimum the model over every pair proves.
    /// </summary>
    [Fact]
    public void TheWholeModelOverThePairsThatMayImprove_ProvesTheSameOptimum()
    {
        var problem = Gap(agents: 5, jobs: 30, seed: 7);
        var data = AssignmentData.Build(problem, null);
        var optimum = ProvenOptimum(problem, data);
        var start = GreedyConstruction.Build(data, null, ConstructionBudget.Unlimited).RepOfAll();
        var bar = (double)optimum + 0.5;
        var bounds = Bounds(data, fromTheColumnMaster: true).Tighter(Bounds(data, fromTheColumnMaster: false));
        var model = new CpSatModel(data, switchableRules: false, referenceMetricTotal: null, ModelScope.Everything(data, bounds.RepsBelow(data, bar, start)));
        model.AddHint(start);

        var outcome = CpSatRun.Solve(model, new SolveSettings(TimeSpan.FromSeconds(120), 1, 0, 60), null, CancellationToken.None);

        Assert.True(model.X.Sum(x => x.Length) < data.PairCount, "every pair kept: nothing to show");
        Assert.Equal(Google.OrTools.Sat.CpSolverStatus.Optimal, outcome.Status);
        Assert.Equal(optimum, PlanEvaluator.Evaluate(problem, outcome.Best!).Objective);
    }

    private static PairBounds Bounds(AssignmentData data, bool fromTheColumnMaster)
    {
        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        if (!fromTheColumnMaster) return lp.PairBounds!;
        var master = new RepColumnMaster(data, lp.AccountDuals);
        Assert.True(master.Generate(rounds: null, CancellationToken.None));
        return master.PairBounds();
    }

    private static Dictionary<(int Account, int Rep), double> CheapestPlanUsingEachPair(IEnumerable<(int[] Plan, double Objective)> plans)
    {
        var cheapest = new Dictionary<(int, int), double>();
        foreach (var (plan, objective) in plans)
            for (var a = 0; a < plan.Length; a++)
                if (!cheapest.TryGetValue((a, plan[a]), out var known) || objective < known) cheapest[(a, plan[a])] = objective;
        return cheapest;
    }

    /// <summary>Every plan the evaluator finds feasible, with its objective, by trying every rep for every account.</summary>
    private static IEnumerable<(int[] Plan, double Objective)> FeasiblePlans(AssignmentData data)
    {
        var total = (int)Math.Pow(data.RepCount, data.AccountCount);
        for (var code = 0; code < total; code++)
        {
            var plan = new int[data.AccountCount];
            for (int a = 0, rest = code; a < data.AccountCount; a++, rest /= data.RepCount) plan[a] = rest % data.RepCount;
            var evaluation = PlanEvaluator.Evaluate(data.Problem, plan);
            if (evaluation.IsFeasible) yield return (plan, (double)evaluation.Objective);
        }
    }
}
