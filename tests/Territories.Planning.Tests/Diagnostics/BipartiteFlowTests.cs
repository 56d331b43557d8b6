using Territories.Planning.Diagnostics;

namespace Territories.Planning.Tests.Diagnostics;

public class BipartiteFlowTests
{
    /// <summary>
    /// Group 0 (10 h) may go to supplier 0 or 1, group 1 (10 h) only to supplier 0. Pushing group 0 to supplier 0 first
    /// leaves group 1 nowhere; the flow must move group 0 to supplier 1 to see that both fit.
    /// </summary>
    [Fact]
    public void FindShortage_FirstChoiceBlocksAnotherGroup_StillFindsThatEverythingFits() =>
        Assert.Null(BipartiteFlow.FindShortage([10, 10], [[0, 1], [0]], [10, 10]));

    [Fact]
    public void FindShortage_TooLittleSupply_NamesTheGroupsAndSuppliersOfTheCut()
    {
        var shortage = BipartiteFlow.FindShortage([10, 10, 1], [[0, 1], [0], [2]], [10, 9, 5]);

        Assert.NotNull(shortage);
        Assert.Equal([0, 1], shortage.Groups);
        Assert.Equal([0, 1], shortage.Suppliers);
        Assert.Equal(20, shortage.Demand);
        Assert.Equal(19, shortage.Supply);
    }
}
