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
}
