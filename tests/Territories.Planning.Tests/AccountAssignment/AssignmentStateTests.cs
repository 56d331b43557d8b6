using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class AssignmentStateTests
{
    /// <summary>
    /// The state keeps each rep's violation between changes. After any sequence of assignments, moves and removals
    /// (which also change the metric total the band and its scale depend on), every rep's kept violation and the total
    /// equal those of a fresh state holding the same plan.
    /// </summary>
    [Theory]
    [InlineData(BalanceMetric.Workload)]
    [InlineData(BalanceMetric.Revenue)]
    public void ViolationOf_AfterAnySequenceOfChanges_EqualsAFreshStateWithTheSamePlan(BalanceMetric metric)
    {
        var random = new Random(11);
        var reps = Enumerable.Range(0, 4).Select(r => Build.Rep($"r{r}", capacity: 60 + 10 * r, maxAccounts: 9)).ToArray();
        var accounts = Enumerable.Range(0, 30)
            .Select(a => Build.Account($"a{a}", random.Next(2, 9), revenue: random.Next(1, 100), current: $"r{random.Next(4)}")).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(CostOnly, new BalanceRule(metric, 0.05), maxMovedShare: 0.2));
        var data = AssignmentData.Build(problem, null);
        var state = new AssignmentState(data);

        for (var step = 0; step < 400; step++)
        {
            var a = random.Next(data.AccountCount);
            if (state.Slot[a] >= 0 && random.Next(5) == 0) state.Remove(a);
            else state.Assign(a, random.Next(data.Candidates[a].Length));

            var fresh = new AssignmentState(data);
            for (var b = 0; b < data.AccountCount; b++)
                if (state.Slot[b] >= 0) fresh.Assign(b, state.Slot[b]);
            for (var r = 0; r < data.RepCount; r++) Assert.Equal(fresh.RepViolation(r, 0, 0, 0), state.ViolationOf(r), 9);
            Assert.Equal(fresh.Violation(), state.Violation(), 9);
        }
    }

    /// <summary>
    /// Which way the repair mends a broken rep: three reps of 30 hours (r1 may own 2 accounts) and nine accounts of 5 hours,
    /// band [13.5, 16.5]. r0 with five (25 h) is over the band's upper side, r1 with three (15 h, inside the band) over its
    /// account limit, r2 with one (5 h) under the band; after r1 gives one to r2, r1 (10 h) is under and r2 (10 h) too.
    /// </summary>
    [Fact]
    public void IsOverALimitAndIsUnderBand_NameWhichWayEachRepIsBroken()
    {
        var reps = new[] { Build.Rep("r0", 30), Build.Rep("r1", 30, maxAccounts: 2), Build.Rep("r2", 30) };
        var owners = new[] { "r0", "r0", "r0", "r0", "r0", "r1", "r1", "r1", "r2" };
        var accounts = owners.Select((rep, i) => Build.Account($"a{i}", 5, current: rep)).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(CostOnly, new BalanceRule(BalanceMetric.Workload, 0.10)));
        var data = AssignmentData.Build(problem, null);
        var state = AssignmentState.Of(data, data.Current);

        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(state.IsOverALimit));
        Assert.Equal([false, false, true], Enumerable.Range(0, 3).Select(state.IsUnderBand));

        state.Assign(7, data.IndexOf(7, 2));

        Assert.Equal([true, false, false], Enumerable.Range(0, 3).Select(state.IsOverALimit));
        Assert.Equal([false, true, true], Enumerable.Range(0, 3).Select(state.IsUnderBand));
    }
}
