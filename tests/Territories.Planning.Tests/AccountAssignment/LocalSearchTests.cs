using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class LocalSearchTests
{
    private static readonly GeoPoint West = new(40.0, -100.0);
    private static readonly GeoPoint East = new(40.0, -98.0);

    /// <summary>
    /// Two reps, one west and one east, and ten accounts of 10 hours, five at each rep's home: fair share 50 h, band
    /// [45, 55]. The plan gives each rep four of its own accounts and one of the other's, both at 50 h, so moving either
    /// stray account home alone breaks both bands (40 and 60 h). Exchanging the two strays keeps both at 50 h and puts
    /// every account with its nearest rep.
    /// </summary>
    [Fact]
    public void Swap_TwoStraysAtTheBandsEdges_ExchangesThemWhereNoSingleMoveMay()
    {
        var (problem, data, state) = TwoRepsWithAStrayEach(strayWorkload: 10);
        var before = state.LinearCost;

        LocalSearch.Relocate(data, state, CancellationToken.None);
        Assert.Equal(before, state.LinearCost);
        LocalSearch.Swap(data, state, CancellationToken.None);

        Assert.True(state.LinearCost < before, $"cost {state.LinearCost}, before {before}");
        Assert.Equal("r-west", problem.Reps[state.RepOf(Index(problem, "west-4"))].Id.Value);
        Assert.Equal("r-east", problem.Reps[state.RepOf(Index(problem, "east-0"))].Id.Value);
        var evaluation = PlanEvaluator.Evaluate(problem, state.RepOfAll());
        Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
    }

    /// <summary>
    /// The same plan with a west stray of 16 hours and capacities of 96 h west and 116 h east: fair shares 48 and 58 h,
    /// bands [43.2, 52.8] and [52.2, 63.8]; the west rep holds 50 h, the east rep 56 h. The exchange would put the west
    /// rep at 56 h, over its band, and moving a stray alone breaks it too (40 or 66 h): the plan must stay as it is.
    /// </summary>
    [Fact]
    public void Swap_AnExchangeThatBreaksTheBand_IsNotMade()
    {
        var (_, data, state) = TwoRepsWithAStrayEach(strayWorkload: 16, westCapacity: 96, eastCapacity: 116);
        var before = state.RepOfAll();
        Assert.Equal(0, state.Violation());

        LocalSearch.Swap(data, state, CancellationToken.None);

        Assert.Equal(before, state.RepOfAll());
    }

    /// <summary>
    /// Two reps, ten accounts, a move cap of one move, spent on b (today east's, placed west; it lies halfway, so either
    /// rep serves it at the same travel). a is today west's but lies at the east rep's home: its move east saves travel but
    /// would be a second move, so neither a relocation nor an exchange may make it. Moving b back home pays for it.
    /// </summary>
    [Fact]
    public void Swap_MoveCapSpent_PaysForASavingRelocationWithAMoveBack()
    {
        var reps = new[] { Build.Rep("r-west", home: West), Build.Rep("r-east", home: East) };
        var accounts = Enumerable.Range(0, 4).Select(i => Build.Account($"west-{i}", location: West, current: "r-west"))
            .Concat(Enumerable.Range(0, 4).Select(i => Build.Account($"east-{i}", location: East, current: "r-east")))
            .Append(Build.Account("a", location: East, current: "r-west"))
            .Append(Build.Account("b", location: new GeoPoint(40.0, -99.0), current: "r-east")).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly, maxMovedShare: 0.1));
        var data = AssignmentData.Build(problem, null);
        Assert.Equal(1, data.MoveCap.Limit);
        var (a, b) = (Index(problem, "a"), Index(problem, "b"));
        var placed = data.Current.ToArray();
        placed[b] = 0;
        var state = AssignmentState.Of(data, placed);
        var before = state.LinearCost;

        LocalSearch.Relocate(data, state, CancellationToken.None);
        Assert.Equal(placed, state.RepOfAll());
        LocalSearch.Swap(data, state, CancellationToken.None);

        Assert.Equal([1, 1], new[] { state.RepOf(a), state.RepOf(b) });
        Assert.True(state.LinearCost < before, $"cost {state.LinearCost}, before {before}");
        var evaluation = PlanEvaluator.Evaluate(problem, state.RepOfAll());
        Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
        Assert.Equal(1, evaluation.Kpis.MovedAccounts);
    }

    private static (TerritoryProblem Problem, AssignmentData Data, AssignmentState State) TwoRepsWithAStrayEach(double strayWorkload, double westCapacity = 100, double eastCapacity = 100)
    {
        var reps = new[] { Build.Rep("r-west", westCapacity, home: West), Build.Rep("r-east", eastCapacity, home: East) };
        var accounts = Enumerable.Range(0, 5).Select(i => Build.Account($"west-{i}", i == 4 ? strayWorkload : 10, location: West))
            .Concat(Enumerable.Range(0, 5).Select(i => Build.Account($"east-{i}", 10, location: East))).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly, new BalanceRule(BalanceMetric.Workload, 0.10)));
        var data = AssignmentData.Build(problem, null);
        var repOf = problem.Accounts.Select(a => a.Id.Value.StartsWith("west") ? a.Id.Value != "west-4" : a.Id.Value == "east-0")
            .Select(west => west ? 0 : 1).ToArray();
        return (problem, data, AssignmentState.Of(data, repOf));
    }

    private static int Index(TerritoryProblem problem, string account) =>
        problem.Accounts.Select((a, i) => (a, i)).Single(e => e.a.Id.Value == account).i;
}
