using Territories.Domain.Model;

namespace Territories.Domain.Tests;

/// <summary>Small hand-drawn problems for rule tests.</summary>
internal static class Problems
{
    public static SolveOptions Options(ObjectiveWeights? weights = null, BalanceRule? balance = null, double? maxMovedShare = null,
        bool pairsOnly = false, bool contiguity = false) =>
        SolveOptions.Default with
        {
            Weights = weights ?? SolveOptions.Default.Weights,
            WeightsGiven = weights is not null,
            Balance = balance ?? BalanceRule.Default,
            MaxMovedShare = maxMovedShare,
            PairsOnly = pairsOnly,
            Contiguity = contiguity,
        };
}
