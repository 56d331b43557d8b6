using Territories.Domain.Plans;
using Territories.Quality.Peers;

namespace Territories.Quality.Tests;

/// <summary>The quality table's last cell: the engine's ratio to the best peer, or why there is none.</summary>
public class RowTests
{
    private static readonly PeerResult Infeasible = new(null, null, "infeasible");

    private static Row RowOf(decimal? objective, PlanStatus status, PeerComparison peers) =>
        new("realistic", "south-1000-s501", "20 x 1000", null, objective, null, null, 0.1, 0.1, status, peers);

    [Fact]
    public void AnInfeasibleBookTheEngineProvedSo_SaysProvenNotNoPlan()
    {
        var row = RowOf(null, PlanStatus.Infeasible, new PeerComparison(Infeasible, new PeerResult(null, null, "infeasible (LP)"), null, null, null, null));

        Assert.EndsWith("| infeasible | infeasible (LP) | engine: infeasible, proven |", row.Markdown());
    }

    [Fact]
    public void AnEngineOutOfTimeWithoutAPlan_SaysNoPlan()
    {
        var row = RowOf(null, PlanStatus.Unknown, new PeerComparison(new PeerResult(2.5m, 3.0, "feasible"), Infeasible, null, null, null, null));

        Assert.EndsWith("| engine: no plan |", row.Markdown());
    }

    [Fact]
    public void BothWithPlans_GivesTheRatioToTheBestPeer()
    {
        var row = RowOf(2.0m, PlanStatus.Feasible, new PeerComparison(new PeerResult(2.5m, 3.0, "feasible"), new PeerResult(2.0m, 0.1, "feasible"), null, null, null, null));

        Assert.EndsWith("| 1.0000 |", row.Markdown());
    }
}
