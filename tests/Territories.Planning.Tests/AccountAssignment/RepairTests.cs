using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class RepairTests
{
    /// <summary>
    /// Three reps of equal capacity, 30 accounts of 3 hours: fair share 30, band [27, 33]. The current plan gives r0 8
    /// accounts (24 h), r1 and r2 11 each. m (current r1) and n (current r2) need skill x, which r0 lacks; the state has
    /// them swapped, so both moves of the cap of 2 are spent, r1 and r2 sit at 33 and r0 at 24, under its band:
    /// <code>
    ///   r0: 8 own          24 h  (under 27)
    ///   r1: 10 own + n     33 h
    ///   r2: 10 own + m     33 h        moves 2 of 2
    /// </code>
    /// Any account that could fill r0 is a new move (over the cap) and moving m or n back breaks r1's or r2's band, so no
    /// single move or swap repairs it. Moving an r1 account to r0 and m back to r1 does: 27, 33, 30, moves 2.
    /// </summary>
    [Fact]
    public void Run_MoveCapSpentAndARepUnderItsBand_PaysForTheRepairWithAMoveBack()
    {
        var reps = new[] { Build.Rep("r0"), Build.Rep("r1", skills: ["x"]), Build.Rep("r2", skills: ["x"]) };
        var accounts = new List<Account>();
        for (var i = 0; i < 8; i++) accounts.Add(Build.Account($"a0-{i}", 3, current: "r0"));
        for (var i = 0; i < 10; i++) accounts.Add(Build.Account($"a1-{i}", 3, current: "r1"));
        for (var i = 0; i < 10; i++) accounts.Add(Build.Account($"a2-{i}", 3, current: "r2"));
        accounts.Add(Build.Account("m", 3, ["x"], current: "r1"));
        accounts.Add(Build.Account("n", 3, ["x"], current: "r2"));
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly with { Travel = 0, Disruption = 1 },
            new BalanceRule(BalanceMetric.Workload, 0.10), maxMovedShare: 0.07));
        var data = AssignmentData.Build(problem, null);
        Assert.Equal(2, data.MoveCap.Limit);
        var state = new AssignmentState(data);
        for (var a = 0; a < data.AccountCount; a++)
        {
            var id = problem.Accounts[a].Id.Value;
            var rep = id == "m" ? 2 : id == "n" ? 1 : problem.CurrentRepIndexOf(a);
            state.Assign(a, data.IndexOf(a, rep));
        }
        Assert.True(state.Violation() > 0);

        new Repair(data, state).Run(CancellationToken.None);

        Assert.Equal(0, state.Violation());
        var evaluation = PlanEvaluator.Evaluate(problem, state.RepOfAll());
        Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
        Assert.True(evaluation.Kpis.MovedAccounts <= 2);
    }
}
