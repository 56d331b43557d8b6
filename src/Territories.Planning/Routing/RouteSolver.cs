namespace Territories.Planning.Routing;

/// <summary>
/// Routes a <see cref="RoutingInstance"/> with <see cref="RuinAndRecreate"/> (SISR): every rule checked by
/// <see cref="RouteRules"/>, stops that cannot be served left out at their drop penalty (or, without penalties, listed
/// as dropped from an otherwise feasible answer).
/// </summary>
public static class RouteSolver
{
    public static RoutingResult Solve(RoutingInstance instance, RoutingSearch search)
    {
        var result = RuinAndRecreate.Solve(PeriodicInstance.OneDay(instance), search);
        return new RoutingResult(result.Days[0], result.Dropped, result.Cost);
    }
}
