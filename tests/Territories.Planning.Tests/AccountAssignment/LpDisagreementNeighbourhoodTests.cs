using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class LpDisagreementNeighbourhoodTests
{
    /// <summary>
    /// Nine accounts of three reps, today's plan moved on accounts 0 and 1; the LP keeps those with today's rep, moves
    /// account 2 and splits account 3, at the band's edge. Those four are free (the two moved among them); the other five
    /// keep the plan's rep.
    /// </summary>
    [Fact]
    public void FixedRepOf_FreesTheAccountsWhereThePlanAndTheLpDisagree_AndThePlansMoves()
    {
        var data = AssignmentData.Build(ThreeReps(maxMovedShare: 0.25), null);
        int[] today = [0, 1, 2, 0, 1, 2, 0, 1, 2];
        int[] plan = [1, 2, 2, 0, 1, 2, 0, 1, 2];
        int[] lpIntegral = [0, 1, 0, -1, 1, 2, 0, 1, 2];
        var lp = new LpResult(0, today, lpIntegral, new HashSet<int> { 0, 1 }, [], 1, Deviation: Tolerance, []);

        var fixedRepOf = LpDisagreementNeighbourhood.For(data, lp)!.FixedRepOf(plan, new Random(1));

        Assert.Equal([-1, -1, -1, -1, 1, 2, 0, 1, 2], fixedRepOf);
    }

    /// <summary>
    /// None without a move cap, without an LP, or where the LP balances the reps inside the band with a balance weight
    /// (the search then works under a narrower band, so the plan's balance differs from the LP's by design).
    /// </summary>
    [Fact]
    public void For_ABookWithoutAMoveCap_OrAnLpInsideTheBand_HasNoSuchNeighbourhood()
    {
        int[] today = [0, 1, 2, 0, 1, 2, 0, 1, 2];
        var atTheEdge = new LpResult(1, today, today, new HashSet<int>(), [], 1, Deviation: Tolerance, []);
        var capped = AssignmentData.Build(ThreeReps(maxMovedShare: 0.25), null);

        Assert.NotNull(LpDisagreementNeighbourhood.For(capped, atTheEdge));
        Assert.Null(LpDisagreementNeighbourhood.For(AssignmentData.Build(ThreeReps(maxMovedShare: null), null), atTheEdge));
        Assert.Null(LpDisagreementNeighbourhood.For(capped, null));
        Assert.Null(LpDisagreementNeighbourhood.For(AssignmentData.Build(ThreeReps(maxMovedShare: 0.25, balanceWeight: 1), null), atTheEdge with { Deviation = Tolerance / 2 }));
    }

    private const double Tolerance = 0.5;

    private static TerritoryProblem ThreeReps(double? maxMovedShare, double balanceWeight = 0)
    {
        var reps = Enumerable.Range(0, 3).Select(r => Build.Rep($"r{r}", capacity: 100, home: new GeoPoint(40, -100 + r))).ToList();
        var accounts = Enumerable.Range(0, 9)
            .Select(a => Build.Account($"a{a}", location: new GeoPoint(40.1, -100 + a % 3), current: $"r{a % 3}")).ToList();
        var weights = TravelOnly with { Balance = balanceWeight };
        return TerritoryProblem.Create(reps, accounts, Options(weights, new BalanceRule(BalanceMetric.Workload, Tolerance), maxMovedShare));
    }
}
