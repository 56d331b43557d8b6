namespace Territories.Domain.Model;

/// <summary>
/// The scale each objective term is divided by before its weight multiplies it, so that weights of 1 mean
/// "equally important". A normalised term of 1 means:
/// <list type="bullet">
/// <item>balance: the largest deviation from fair share is 100% (the term is already a fraction; scale 1);</item>
/// <item>travel: as much workload-weighted travel (km x hours) as serving every account from its nearest eligible rep;</item>
/// <item>disruption: all revenue of the accounts whose current rep is in the problem moved (or all of them, when no account has revenue);</item>
/// <item>cost: as much pair cost as every account at its cheapest eligible rep.</item>
/// </list>
/// When only one term has a weight, its scale is 1, so the objective is that term in its natural unit times its weight
/// (with weights { cost: 1 } it is exactly the sum of the chosen pairs' cost).
/// </summary>
public sealed record ObjectiveScales(double Balance, double Travel, double Disruption, double Cost)
{
    public double Of(ObjectiveTerm term) => term switch
    {
        ObjectiveTerm.Balance => Balance,
        ObjectiveTerm.Travel => Travel,
        ObjectiveTerm.Disruption => Disruption,
        _ => Cost,
    };

    public static ObjectiveScales For(TerritoryProblem problem)
    {
        var weights = problem.EffectiveWeights;
        if (weights.All().Count(t => t.Weight != 0) <= 1) return new ObjectiveScales(1, 1, 1, 1);
        double travel = 0, cost = 0;
        for (var a = 0; a < problem.Accounts.Count; a++)
        {
            double bestTravel = double.PositiveInfinity, bestCost = double.PositiveInfinity;
            foreach (var r in problem.EligibleRepsOf(a))
            {
                if (weights.Travel != 0) bestTravel = Math.Min(bestTravel, problem.DistanceKm(a, r) * problem.WorkloadOf(a, r));
                if (weights.Cost != 0) bestCost = Math.Min(bestCost, Math.Abs((double)problem.CostOf(a, r)));
            }
            if (double.IsFinite(bestTravel)) travel += bestTravel;
            if (double.IsFinite(bestCost)) cost += bestCost;
        }
        return new ObjectiveScales(1, PositiveOrOne(travel), PositiveOrOne(DisruptionScale(problem)), PositiveOrOne(cost));
    }

    /// <summary>What moving one account costs in the disruption term before scaling: its revenue, or 1 when no account has revenue.</summary>
    public static double MoveWeight(TerritoryProblem problem, int account) =>
        problem.HasRevenue ? (double)problem.Accounts[account].Revenue : 1.0;

    private static double DisruptionScale(TerritoryProblem problem)
    {
        double total = 0;
        for (var a = 0; a < problem.Accounts.Count; a++)
        {
            if (problem.CurrentRepIndexOf(a) >= 0) total += MoveWeight(problem, a);
        }
        return total;
    }

    private static double PositiveOrOne(double value) => value > 0 && double.IsFinite(value) ? value : 1.0;
}
