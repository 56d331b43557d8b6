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
}
