using Google.OrTools.Sat;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Planning.Rules;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.Rules;

/// <summary>
/// The balance weight's term on a hand-drawn book: two reps of equal capacity, accounts of 10, 20 and 30 hours (fair
/// share 30 each). The most balanced plans give one rep 30 (a deviation of 0); 10 + 20 against 30 is that plan.
/// </summary>
public class LargestDeviationTests
{
    private const long Scale = 10_000;

    /// <summary>In a tiny model the minimised variable is the evaluator's largest relative deviation, in 1/Scale units.</summary>
    [Theory]
    [InlineData(new[] { 0, 0, 1 }, 0)]
    [InlineData(new[] { 0, 1, 1 }, 2.0 / 3)]
    [InlineData(new[] { 0, 0, 0 }, 1)]
    public void Add_FixedPlan_EqualsTheEvaluatorsDeviation(int[] repOf, double expected)
    {
        var workloads = new long[] { 10, 20, 30 };
        var problem = TerritoryProblem.Create([Build.Rep("r0"), Build.Rep("r1")],
            workloads.Select((w, i) => Build.Account($"a{i}", w)).ToList(), Options(TravelOnly with { Travel = 0, Balance = 1 }));
        var model = new CpModel();
        var x = workloads.Select((_, a) => new[] { model.NewBoolVar($"x{a}0"), model.NewBoolVar($"x{a}1") }).ToArray();
        for (var a = 0; a < x.Length; a++)
        {
            model.AddExactlyOne(x[a]);
            model.Add(x[a][repOf[a]] == 1);
        }
        var deviation = LargestDeviation.Add(model, Scale,
            Enumerable.Range(0, 2).Select(r => (LinearExpr.WeightedSum(x.Select(v => v[r]), workloads), 30L)));
        model.Minimize(deviation);

        var solver = new CpSolver();
        Assert.Equal(CpSolverStatus.Optimal, solver.Solve(model));

        var evaluation = PlanEvaluator.Evaluate(problem, repOf);
        Assert.Equal(expected, evaluation.Kpis.WorkloadMaxDeviation, 4);
        Assert.Equal(Math.Round(expected * Scale), solver.Value(deviation));
        Assert.Equal(solver.Value(deviation), LargestDeviation.Of(workloads.Where((_, a) => repOf[a] == 0).Sum(), 30, Scale));
    }
}
