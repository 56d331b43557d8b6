using Territories.Domain.Model;

namespace Territories.Domain.Contracts;

/// <summary>Reads <c>options</c> of a territory problem; absent fields take the contract's defaults.</summary>
internal static class OptionsReader
{
    public static SolveOptions Read(JsonFields f)
    {
        var defaults = SolveOptions.Default;
        var weightsFields = f.Object("weights");
        var weights = weightsFields is null ? defaults.Weights : ReadWeights(weightsFields);
        var options = new SolveOptions(
            weights,
            weightsFields is not null,
            f.Object("balance") is { } b ? ReadBalance(b) : defaults.Balance,
            f.Number("maxMovedShare", min: 0, max: 1),
            f.Bool("contiguity") ?? false,
            f.Bool("pairsOnly") ?? false,
            f.Number("timeLimitSeconds", min: 0.001, max: 86_400) ?? defaults.TimeLimitSeconds,
            f.Integer("workers", min: 1, max: 64) ?? defaults.Workers,
            f.Integer("seed", min: 0) ?? defaults.Seed,
            f.Integer("candidateReps", min: 0) ?? defaults.CandidateReps) { MoveWithin = ReadLevel(f, "moveWithin") };
        f.RejectUnknown();
        return options;
    }

    /// <summary>An org level: a whole number, or a string holding one ("1"), as the contract writes it.</summary>
    private static int? ReadLevel(JsonFields f, string name)
    {
        if (!f.IsString(name)) return f.Integer(name, min: 0);
        var text = f.String(name)!;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var level)) return level;
        f.Error(name, $"must be an org level (0 = the roots, 1 = the units below them, …), not \"{text}\"");
        return null;
    }

    private static ObjectiveWeights ReadWeights(JsonFields f)
    {
        // Named weights replace the defaults; a weight left out of a given object is 0.
        var weights = new ObjectiveWeights(
            f.Number("balance", min: 0) ?? 0,
            f.Number("travel", min: 0) ?? 0,
            f.Number("disruption", min: 0) ?? 0,
            f.Number("cost", min: 0) ?? 0);
        f.RejectUnknown();
        return weights;
    }

    private static BalanceRule ReadBalance(JsonFields f)
    {
        var metricName = f.String("metric");
        BalanceMetric? metric = metricName switch
        {
            null or "workload" => BalanceMetric.Workload,
            "potential" => BalanceMetric.Potential,
            "revenue" => BalanceMetric.Revenue,
            "accounts" => BalanceMetric.Accounts,
            _ => null,
        };
        if (metric is null) f.Error("metric", $"must be one of workload, potential, revenue, accounts, not \"{metricName}\"");
        var rule = new BalanceRule(metric ?? BalanceMetric.Workload, f.Number("tolerance", min: 0, max: 1));
        f.RejectUnknown();
        return rule;
    }
}
