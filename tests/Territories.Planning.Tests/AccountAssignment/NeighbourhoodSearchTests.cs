using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class NeighbourhoodSearchTests
{
    [Theory]
    [InlineData(false, 8)]
    [InlineData(false, 5)]
    [InlineData(true, 10)]
    public void Run_FromTheConstructionPlan_FindsABetterFeasiblePlan(bool geography, int reps)
    {
        var problem = geography
            ? SyntheticBook.Generate(new SyntheticBookSettings(300, reps, 4), SyntheticBook.DefaultOptions with { Workers = 1, TimeLimitSeconds = 600 })
            : Gap(agents: reps, jobs: 80, seed: 3);
        var data = AssignmentData.Build(problem, null);
        var clock = new SolveClock(TimeProvider.System, 60);
        var incumbent = new Incumbent(problem, clock, null);
        var start = GreedyConstruction.Build(data, null, ConstructionBudget.Unlimited).RepOfAll();
        Assert.True(incumbent.Offer(start, "construction"));
        var before = incumbent.Evaluation!.Objective;

        var search = new NeighbourhoodSearch(data, incumbent, new SolveSettings(TimeSpan.FromSeconds(60), 1, 0, 0.5));
        search.Run(clock, maxTries: 15, CancellationToken.None);

        Assert.Equal(15, search.Tries);
        Assert.True(search.Improvements > 0);
        Assert.True(incumbent.Evaluation!.Objective < before);
        Assert.True(PlanEvaluator.Evaluate(problem, incumbent.RepOf!).IsFeasible);
    }

    /// <summary>
    /// The move cap (5 moves) is spent in the west, on five accounts each moved to the rep next door for a kilometre
    /// less; in the east five accounts sit at the next rep's home, 20 km from their own. Each area has ten reps, so a
    /// neighbourhood of one area (five to nine reps in these tries) can neither spend a move in the east nor gain from a
    /// move back in the west: only one that joins the two areas trades a western move for an eastern one. With one worker
    /// and a deterministic limit one search makes six tries; with two workers on the wall clock two lanes of one worker
    /// each, each starting from the best plan as it stands, make 24 between them (a lane's change laid over a plan another
    /// lane improved is offered to the evaluator like any other plan).
    /// </summary>
    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 24)]
    public void Run_WithTheMoveCapSpent_TradesAMoveInOneAreaForAMoveInAnother(int workers, int tries)
    {
        var (problem, start) = TwoAreasWithTheCapSpentInTheWest();
        var data = AssignmentData.Build(problem, null);
        var clock = new SolveClock(TimeProvider.System, 600);
        var incumbent = new Incumbent(problem, clock, null);
        Assert.True(incumbent.Offer(start, "today"));
        var before = PlanEvaluator.Evaluate(problem, start);
        var settings = workers == 1 ? new SolveSettings(TimeSpan.FromSeconds(60), 1, 0, 0.5) : new SolveSettings(TimeSpan.FromSeconds(600), workers, 0, null);
        Assert.Equal(workers, NeighbourhoodSearch.Lanes(data, settings));

        var search = new NeighbourhoodSearch(data, incumbent, settings);
        search.Run(clock, maxTries: tries, CancellationToken.None);

        var after = PlanEvaluator.Evaluate(problem, incumbent.RepOf!);
        Assert.True(after.IsFeasible);
        Assert.True(after.Objective < before.Objective, $"{after.Objective} not below {before.Objective}");
        Assert.Equal(5, after.Kpis.MovedAccounts);
        var movedInTheEast = Enumerable.Range(0, problem.Accounts.Count)
            .Count(a => problem.Accounts[a].Id.Value.StartsWith("east") && incumbent.RepOf![a] != problem.CurrentRepIndexOf(a));
        Assert.True(movedInTheEast > 0);
    }

    [Fact]
    public void Lanes_OnePerWorker_OnlyWhereTheMoveCapBinds_AndTheLimitIsTheWallClocks()
    {
        var capped = AssignmentData.Build(TwoAreasWithTheCapSpentInTheWest().Problem, null);
        var uncapped = AssignmentData.Build(Gap(agents: 5, jobs: 40, seed: 3), null);
        var wallClock = new SolveSettings(TimeSpan.FromSeconds(60), 2, 0, null);

        Assert.Equal(2, NeighbourhoodSearch.Lanes(capped, wallClock));
        Assert.Equal(1, NeighbourhoodSearch.Lanes(capped, wallClock with { Workers = 1 }));
        Assert.Equal(1, NeighbourhoodSearch.Lanes(capped, wallClock with { DeterministicTime = 0.5 }));
        Assert.Equal(1, NeighbourhoodSearch.Lanes(uncapped, wallClock));
    }

    /// <summary>
    /// The same book, with a loose workload band, and the LP relaxation's plan given (the east's next-door accounts with
    /// the partner, the west's between accounts back with today's rep; the band's edge, so the balance term is settled). The first try of a search (one worker, deterministic) frees the accounts
    /// where the plan and the LP disagree, in both areas at once, and makes the trade a neighbourhood of one area's reps
    /// cannot.
    /// </summary>
    [Fact]
    public void Run_WithTheLp_FirstFreesTheAccountsWhereThePlanAndTheLpDisagree_AndTradesTheMoves()
    {
        var (problem, start) = TwoAreasWithTheCapSpentInTheWest(new BalanceRule(BalanceMetric.Workload, 1));
        var data = AssignmentData.Build(problem, null);
        var clock = new SolveClock(TimeProvider.System, 600);
        var incumbent = new Incumbent(problem, clock, null);
        Assert.True(incumbent.Offer(start, "today"));
        var before = PlanEvaluator.Evaluate(problem, start);
        var lpPlan = Enumerable.Range(0, problem.Accounts.Count)
            .Select(a => problem.CurrentRepIndexOf(a) + (problem.Accounts[a].Id.Value.EndsWith("next-door") ? 1 : 0)).ToArray();
        var lp = new LpResult(0, lpPlan, lpPlan, new HashSet<int>(), [], 1, Deviation: 1, []);

        var search = new NeighbourhoodSearch(data, incumbent, new SolveSettings(TimeSpan.FromSeconds(60), 1, 0, 0.5), lp);
        search.Run(clock, maxTries: 1, CancellationToken.None);

        var after = PlanEvaluator.Evaluate(problem, incumbent.RepOf!);
        Assert.Equal(1, search.Improvements);
        Assert.True(after.IsFeasible);
        Assert.Equal(5, after.Kpis.MovedAccounts);
        Assert.Equal(lpPlan, incumbent.RepOf);
        Assert.True(after.Objective < before.Objective, $"{after.Objective} not below {before.Objective}");
    }

    private static (TerritoryProblem Problem, int[] Start) TwoAreasWithTheCapSpentInTheWest(BalanceRule? balance = null)
    {
        var reps = new List<Rep>();
        var accounts = new List<Account>();
        var start = new List<int>();
        foreach (var (area, lat, lon) in new[] { ("west", 47.6, -122.3), ("east", 40.7, -74.0) })
            for (var i = 0; i < 10; i++)
            {
                // Five pairs of reps, 20 km apart within a pair (0.18 degrees of latitude), about 100 km between pairs.
                var home = new GeoPoint(lat + 0.18 * (i % 2), lon + 1.2 * (i / 2));
                var rep = Territories.Tests.Shared.Build.Rep($"{area}-{i}", capacity: 1000, home: home);
                reps.Add(rep);
                for (var k = 0; k < 2; k++)
                {
                    accounts.Add(Territories.Tests.Shared.Build.Account($"{area}-{i}-home-{k}", location: home, current: rep.Id.Value));
                    start.Add(reps.Count - 1);
                }
                if (i % 2 == 1) continue;
                var partner = reps.Count; // the next rep of the pair, added next
                if (area == "west")
                {
                    // Between the pair, 1 km nearer the partner: moved there today, worth 1 km.
                    accounts.Add(Territories.Tests.Shared.Build.Account($"{area}-{i}-between", location: new GeoPoint(lat + 0.094, home.Lon), current: rep.Id.Value));
                    start.Add(partner);
                }
                else
                {
                    // At the partner's home and still with this rep: a move worth 20 km that the spent cap forbids.
                    accounts.Add(Territories.Tests.Shared.Build.Account($"{area}-{i}-next-door", location: new GeoPoint(lat + 0.18, home.Lon), current: rep.Id.Value));
                    start.Add(reps.Count - 1);
                }
            }
        var options = Options(TravelOnly, balance, maxMovedShare: 0.11);
        return (TerritoryProblem.Create(reps, accounts, options), [.. start]);
    }

    [Theory]
    [InlineData(200, 5)]
    [InlineData(7, 5)]
    [InlineData(6, 4)]
    [InlineData(5, 3)]
    [InlineData(3, 2)]
    [InlineData(2, 2)]
    public void SmallestSize_IsFiveReps_OrAllButTwoOnABookOfFewReps(int reps, int smallest) =>
        Assert.Equal(smallest, NeighbourhoodSearch.SmallestSize(reps));
}
