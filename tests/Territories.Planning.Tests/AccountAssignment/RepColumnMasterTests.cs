using Territories.Planning.AccountAssignment;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class RepColumnMasterTests
{
    /// <summary>
    /// A dive step prices for its rounds and no more, whether or not the master covers every account again (what it
    /// cannot place is left to the model after the dive; going on until covered was measured and not kept), and leaves
    /// the master solved, so the columns it uses can be read and fixed at once. Ten fixings on a 20 x 200 book, where
    /// some steps leave accounts uncovered after two rounds.
    /// </summary>
    [Fact]
    public void Generate_WithARoundLimit_StopsThereAndLeavesTheMasterSolved()
    {
        var data = AssignmentData.Build(Gap(agents: 20, jobs: 200, seed: 11, typeD: true), null);
        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        var master = new RepColumnMaster(data, lp.AccountDuals);
        Assert.True(master.Generate(rounds: null, CancellationToken.None));

        for (var step = 1; step <= 10; step++)
        {
            master.Fix(master.Used().MaxBy(u => u.Share).Column);
            var before = master.Iterations;

            Assert.True(master.Generate(rounds: 2, CancellationToken.None));

            Assert.InRange(master.Iterations - before, 1, 2);
            Assert.NotEmpty(master.Used());
        }
    }

    /// <summary>
    /// With a known plan the root ascends from the compact LP's duals toward the plan's objective before its first LP
    /// (<see cref="SubgradientAscent"/>), so after one round its bound is already near the converged root's; without a
    /// plan (one step: the compact LP's duals) it is still well below it.
    /// </summary>
    [Fact]
    public void Generate_WithASeededPlan_StartsNearTheRootsBound()
    {
        var problem = Gap(agents: 10, jobs: 200, seed: 3, typeD: true);
        var data = AssignmentData.Build(problem, null);
        var lp = LpRelaxation.Solve(data, TimeSpan.FromMinutes(5), CancellationToken.None)!;
        var plan = Solve(problem, deterministicTime: 1);
        var seeded = new RepColumnMaster(data, lp.AccountDuals);
        seeded.Seed(Enumerable.Range(0, data.AccountCount).Select(a => int.Parse(RepOf(plan, $"a{a}")[1..])).ToArray());
        var unseeded = new RepColumnMaster(data, lp.AccountDuals);

        Assert.True(seeded.Generate(rounds: 1, CancellationToken.None));
        Assert.True(unseeded.Generate(rounds: 1, CancellationToken.None));
        var (afterOneRound, withoutAPlan) = (seeded.BestLagrangian!.Value.Bound, unseeded.BestLagrangian!.Value.Bound);
        Assert.True(seeded.Generate(rounds: null, CancellationToken.None));
        var root = seeded.BestLagrangian!.Value.Bound;

        var gap = root - lp.Bound;
        Assert.True(afterOneRound >= root - 0.2 * gap, $"after one round {afterOneRound}, root {root}, compact LP {lp.Bound}");
        Assert.True(withoutAPlan < root - 0.5 * gap, $"without a plan {withoutAPlan}, root {root}, compact LP {lp.Bound}");
    }
}
