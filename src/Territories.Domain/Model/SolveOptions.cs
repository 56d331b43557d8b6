namespace Territories.Domain.Model;

/// <summary>The metric a balance rule spreads across reps in proportion to their capacity.</summary>
public enum BalanceMetric { Workload, Potential, Revenue, Accounts }

/// <summary>How much each soft goal matters. Each multiplies its term after the term is normalised (see <see cref="ObjectiveScales"/>).</summary>
public sealed record ObjectiveWeights(double Balance, double Travel, double Disruption, double Cost)
{
    public static ObjectiveWeights Default { get; } = new(1, 1, 1, 0);

    public IEnumerable<(ObjectiveTerm Term, double Weight)> All()
    {
        yield return (ObjectiveTerm.Balance, Balance);
        yield return (ObjectiveTerm.Travel, Travel);
        yield return (ObjectiveTerm.Disruption, Disruption);
        yield return (ObjectiveTerm.Cost, Cost);
    }

    public double Of(ObjectiveTerm term) => term switch
    {
        ObjectiveTerm.Balance => Balance,
        ObjectiveTerm.Travel => Travel,
        ObjectiveTerm.Disruption => Disruption,
        _ => Cost,
    };
}

/// <summary>The soft goals of the objective.</summary>
public enum ObjectiveTerm { Balance, Travel, Disruption, Cost }

/// <summary>Balance: the metric, and an optional hard band around each rep's fair share.</summary>
/// <param name="Tolerance">When set, in [0, 1]: every rep's metric must lie within fairShare * (1 ± tolerance), bounds inclusive.</param>
public sealed record BalanceRule(BalanceMetric Metric, double? Tolerance)
{
    public static BalanceRule Default { get; } = new(BalanceMetric.Workload, null);
}

/// <summary>Rules and weights of one solve, with solver settings.</summary>
/// <param name="WeightsGiven">True when the caller named the weights; travel is then required, not silently dropped.</param>
/// <param name="MaxMovedShare">When set, in [0, 1]: the most accounts that may move, as a share of the accounts whose current rep is in the problem.</param>
/// <param name="TimeLimitSeconds">Wall-clock limit of the search; the best plan found by then is returned.</param>
/// <param name="CandidateReps">How many nearest eligible reps each account is first considered for when the problem is large; 0 means never prune.</param>
public sealed record SolveOptions(
    ObjectiveWeights Weights,
    bool WeightsGiven,
    BalanceRule Balance,
    double? MaxMovedShare,
    bool Contiguity,
    bool PairsOnly,
    double TimeLimitSeconds,
    int Workers,
    int Seed,
    int CandidateReps)
{
    /// <summary>When set, the org level (0 = the roots) inside whose units accounts with a current rep in the problem must stay.</summary>
    public int? MoveWithin { get; init; }

    public const double DefaultTimeLimitSeconds = 30;
    public const int DefaultWorkers = 2;
    public const int DefaultCandidateReps = 8;

    public static SolveOptions Default { get; } = new(
        ObjectiveWeights.Default, false, BalanceRule.Default, null, false, false,
        DefaultTimeLimitSeconds, DefaultWorkers, 0, DefaultCandidateReps);
}
