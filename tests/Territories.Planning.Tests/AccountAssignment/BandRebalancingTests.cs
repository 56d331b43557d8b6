using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class BandRebalancingTests
{
    /// <summary>
    /// Four reps in a row, each sharing one skill with the next (r0-r1 "s01", r1-r2 "s12", r2-r3 "s23"), 40 accounts of 3
    /// hours: fair share 30 h, band [27, 33]. Today r0 holds 16 accounts (48 h), r3 holds 4 (12 h), r1 and r2 sit at 30 h.
    /// Nothing of r0's may go to r3: the surplus has to travel r0 -> r1 -> r2 -> r3, and the cap allows 15 moves (the
    /// fewest are 14: five off r0, four on to r2, five on to r3). The rebalancing alone, aiming inside the band's edges,
    /// must land every rep in the band within the cap with five accounts on each hop.
    /// </summary>
    [Fact]
    public void Run_SurplusFarFromTheDeficit_CarriesItAlongTheChainOfNeighbours()
    {
        var (problem, data) = ChainBook();
        var state = TodaysPlan(data);

        BandRebalancing.Run(data, state, BandRebalancing.InsideTheEdges);

        var evaluation = PlanEvaluator.Evaluate(problem, state.RepOfAll());
        Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
        Assert.Equal(15, evaluation.Kpis.MovedAccounts);
        var byRep = state.AccountsByRep().Select(l => l.Count).ToArray();
        Assert.Equal([11, 10, 10, 9], byRep);
    }

    /// <summary>The whole construction from today's plan meets every rule with the fewest moves there are (14: its polish takes one hop back).</summary>
    [Fact]
    public void CurrentPlanConstruction_ChainOfNeighbours_MeetsEveryRuleWithinTheCap()
    {
        var (problem, data) = ChainBook();

        var state = CurrentPlanConstruction.Build(data, ConstructionBudget.Unlimited);

        var evaluation = PlanEvaluator.Evaluate(problem, state.RepOfAll());
        Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
        Assert.Equal(14, evaluation.Kpis.MovedAccounts);
    }

    /// <summary>A plan already inside the band keeps every account where it is: moves are spent only where the band asks.</summary>
    [Fact]
    public void Run_EveryRepInsideTheBand_MovesNothing()
    {
        var reps = new[] { Build.Rep("r0", skills: ["s"]), Build.Rep("r1", skills: ["s"]) };
        var accounts = Enumerable.Range(0, 20).Select(i => Build.Account($"a{i}", 3, skills: ["s"], current: i < 11 ? "r0" : "r1")).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly with { Travel = 0, Disruption = 1 }, new BalanceRule(BalanceMetric.Workload, 0.15)));
        var data = AssignmentData.Build(problem, null);
        var state = TodaysPlan(data);

        BandRebalancing.Run(data, state, BandRebalancing.InsideTheEdges);

        Assert.Equal(0, state.Moved);
    }

    /// <summary>
    /// Two reps with 60 accounts of 1 h: fair share 30 h, band [27, 33]. r0 holds 34 h, r1 26 h: one account each way
    /// out. Aimed at the edges (the LP rounded), the flow moves that one account and every rep is in the band; aimed inside
    /// the edges (today's plan), it moves two.
    /// </summary>
    [Theory]
    [InlineData(BandRebalancing.AtTheEdges, 1)]
    [InlineData(BandRebalancing.InsideTheEdges, 2)]
    public void Run_OneAccountOutside_MovesAsFarAsItAims(double margin, int moves)
    {
        var reps = new[] { Build.Rep("r0", skills: ["s"]), Build.Rep("r1", skills: ["s"]) };
        var accounts = Enumerable.Range(0, 60).Select(i => Build.Account($"a{i}", 1, skills: ["s"], current: i < 34 ? "r0" : "r1")).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly with { Travel = 0, Disruption = 1 }, new BalanceRule(BalanceMetric.Workload, 0.10)));
        var data = AssignmentData.Build(problem, null);
        var state = TodaysPlan(data);

        BandRebalancing.Run(data, state, margin);

        Assert.Equal(moves, state.Moved);
        var evaluation = PlanEvaluator.Evaluate(problem, state.RepOfAll());
        Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
    }

    private static AssignmentState TodaysPlan(AssignmentData data) => AssignmentState.Of(data, data.Current);

    private static (TerritoryProblem Problem, AssignmentData Data) ChainBook()
    {
        var reps = new[]
        {
            Build.Rep("r0", skills: ["s01"]), Build.Rep("r1", skills: ["s01", "s12"]),
            Build.Rep("r2", skills: ["s12", "s23"]), Build.Rep("r3", skills: ["s23"]),
        };
        var held = new (string Rep, string Skill, int Count)[]
        {
            ("r0", "s01", 16), ("r1", "s01", 5), ("r1", "s12", 5), ("r2", "s12", 5), ("r2", "s23", 5), ("r3", "s23", 4),
        };
        var accounts = held.SelectMany(h => Enumerable.Range(0, h.Count)
            .Select(i => Build.Account($"{h.Rep}-{h.Skill}-{i}", 3, skills: [h.Skill], current: h.Rep))).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly with { Travel = 0, Disruption = 1 },
            new BalanceRule(BalanceMetric.Workload, 0.10), maxMovedShare: 0.375));
        var data = AssignmentData.Build(problem, null);
        Assert.Equal(15, data.MoveCap.Limit);
        return (problem, data);
    }
}
