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

    /// <summary>
    /// Four reps of equal capacity, 162 hours: band [36.45, 44.55]. The cap of 2 moves is spent on k (current r3, now at r0)
    /// and m (current r2, now at r1); r0 is over its band (the most broken) and r2 under it:
    /// <code>
    ///   r0: k (10) + five 8 h accounts only r0 and r1 may serve  50 h  (over 44.55)
    ///   r1: m (8) + 10 + 10 + 10                                 38 h
    ///   r2: 10 + 10 + 12                                         32 h  (under 36.45)
    ///   r3: 10 + 10 + 10 + 12                                    42 h
    /// </code>
    /// The one move that leaves the cap as it is and repairs both is k to r2, which the given costs price at 1. Moving one
    /// of r0's own accounts to r1 (a third move) and m back home to r2 repairs both at no cost. Weighing moves paid by a
    /// move back, the repair takes that pair; without, it takes k's move.
    /// </summary>
    [Fact]
    public void Run_MoveBacksWeighed_PaysForACheaperMoveWithAMoveBackThanTheCapNeutralMove()
    {
        var reps = new[] { Build.Rep("r0", skills: ["x"]), Build.Rep("r1", skills: ["x"]), Build.Rep("r2"), Build.Rep("r3") };
        var accounts = Enumerable.Range(0, 5).Select(i => Build.Account($"own-{i}", 8, ["x"], current: "r0"))
            .Append(Build.Account("k", 10, current: "r3")).Append(Build.Account("m", 8, current: "r2"))
            .Concat(new[] { 10.0, 10, 10 }.Select((h, i) => Build.Account($"b{i}", h, current: "r1")))
            .Concat(new[] { 10.0, 10, 12 }.Select((h, i) => Build.Account($"c{i}", h, current: "r2")))
            .Concat(new[] { 10.0, 10, 10, 12 }.Select((h, i) => Build.Account($"d{i}", h, current: "r3"))).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly with { Travel = 0, Disruption = 1 },
            new BalanceRule(BalanceMetric.Workload, 0.10), maxMovedShare: 0.12));
        var data = AssignmentData.Build(problem, null);
        Assert.Equal(2, data.MoveCap.Limit);
        int Index(string id) => problem.Accounts.Select((a, i) => (a, i)).Single(e => e.a.Id.Value == id).i;
        var (k, m) = (Index("k"), Index("m"));
        double PairCost(int a, int r) => a == k && r != 0 ? 1 : 0;

        AssignmentState Repaired(bool pairsMoveBacks)
        {
            var placed = data.Current.ToArray();
            (placed[k], placed[m]) = (0, 1);
            var state = AssignmentState.Of(data, placed);
            Assert.Equal(2, state.Moved);
            Assert.True(state.ViolationOf(0) > 0 && state.ViolationOf(2) > 0);
            new Repair(data, state, PairCost, pairsMoveBacks).Run(CancellationToken.None);
            Assert.Equal(0, state.Violation());
            Assert.True(PlanEvaluator.Evaluate(problem, state.RepOfAll()).IsFeasible);
            return state;
        }

        var weighed = Repaired(pairsMoveBacks: true);
        Assert.Equal([0, 2], new[] { weighed.RepOf(k), weighed.RepOf(m) });
        Assert.Equal(0, Enumerable.Range(0, data.AccountCount).Sum(a => PairCost(a, weighed.RepOf(a))));
        var capNeutralOnly = Repaired(pairsMoveBacks: false);
        Assert.Equal(2, capNeutralOnly.RepOf(k));
    }

    /// <summary>
    /// Five reps that nothing can repair (each holds one 2-hour account only it may serve, over its tiny capacity and its
    /// band) are the most broken. Below them r5 and r6 (both at their limit of 10 accounts, skill y) sit outside the band
    /// [43.9, 53.7]: r5 with ten 3-hour accounts (30 h), r6 with ten 6-hour ones (60 h). No single move helps (r5 may not
    /// take an eleventh account); five swaps of a 3-hour for a 6-hour account put both at 45 h. The repair must find
    /// them although five reps more broken than r5 have no swap.
    /// </summary>
    [Fact]
    public void Run_MostBrokenRepsBeyondRepair_StillSwapsForALessBrokenRep()
    {
        var reps = Enumerable.Range(0, 5).Select(i => Build.Rep($"r{i}", capacity: 1, skills: [$"s{i}"]))
            .Append(Build.Rep("r5", skills: ["y"], maxAccounts: 10)).Append(Build.Rep("r6", skills: ["y"], maxAccounts: 10)).ToList();
        var accounts = Enumerable.Range(0, 5).Select(i => Build.Account($"stranded-{i}", 2, [$"s{i}"], current: $"r{i}"))
            .Concat(Enumerable.Range(0, 10).Select(i => Build.Account($"small-{i}", 3, ["y"], current: "r5")))
            .Concat(Enumerable.Range(0, 10).Select(i => Build.Account($"large-{i}", 6, ["y"], current: "r6"))).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly with { Travel = 0, Disruption = 1 }, new BalanceRule(BalanceMetric.Workload, 0.10)));
        var data = AssignmentData.Build(problem, null);
        var state = AssignmentState.Of(data, data.Current);
        Assert.All(Enumerable.Range(0, 5), r => Assert.True(state.ViolationOf(r) > state.ViolationOf(5)));

        new Repair(data, state).Run(CancellationToken.None);

        Assert.Equal(0, state.ViolationOf(5));
        Assert.Equal(0, state.ViolationOf(6));
        Assert.Equal([10, 10], new[] { state.Count[5], state.Count[6] });
        Assert.Equal(45, state.Load[5], 6);
    }

    /// <summary>
    /// r0 holds six accounts of 10 hours and r1 four (band [45, 55]): any one of r0's accounts moved to r1 repairs both.
    /// By travel the cheapest is x, which lies next to r1; priced by a cost the repair is given (as the LP's reduced costs
    /// are for its rounding) where x's move is dear and the others' free, another account goes and x stays.
    /// </summary>
    [Fact]
    public void Run_GivenItsOwnPairCosts_RepairsByThemInsteadOfTheObjectives()
    {
        var (r0Home, r1Home) = (new GeoPoint(40, -100), new GeoPoint(40, -99));
        var reps = new[] { Build.Rep("r0", home: r0Home), Build.Rep("r1", home: r1Home) };
        var accounts = Enumerable.Range(0, 5).Select(i => Build.Account($"a{i}", 10, location: r0Home, current: "r0"))
            .Append(Build.Account("x", 10, location: new GeoPoint(40, -99.1), current: "r0"))
            .Concat(Enumerable.Range(0, 4).Select(i => Build.Account($"b{i}", 10, location: r1Home, current: "r1"))).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly, new BalanceRule(BalanceMetric.Workload, 0.10)));
        var data = AssignmentData.Build(problem, null);
        var x = problem.Accounts.Select((a, i) => (a, i)).Single(e => e.a.Id.Value == "x").i;

        AssignmentState Repaired(Func<int, int, double>? pairCost)
        {
            var state = AssignmentState.Of(data, data.Current);
            Assert.True(state.Violation() > 0);
            new Repair(data, state, pairCost).Run(CancellationToken.None);
            Assert.Equal(0, state.Violation());
            return state;
        }

        Assert.Equal(1, Repaired(null).RepOf(x));
        var byGivenCost = Repaired((a, r) => a == x && r == 1 ? 1 : 0);
        Assert.Equal(0, byGivenCost.RepOf(x));
        Assert.Equal(5, byGivenCost.Count[1]);
    }
}
