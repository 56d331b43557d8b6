using System.Globalization;
using System.Text.Json;
using Territories.Domain.Model;
using Territories.Domain.Quotas;

namespace Territories.Domain.Contracts;

/// <summary>
/// Reads published moves for quota relief: <c>{ "method": { "potentialWeight", "historyWeight" }, "moves": [{ "accountId",
/// "fromRepId", "toRepId", "effective", "share" }] }</c>, where a move gives either <c>share</c> (of the old rep's quota,
/// within [0, 1]) or <c>potential</c> and <c>repPotential</c> (and optionally <c>lastYear</c> and <c>repLastYear</c>), from
/// which the share is the quota method's blend.
/// </summary>
public static class QuotaMovesReader
{
    public static IReadOnlyList<QuotaMove> Read(string json) => ContractJson.Read(json, Read);

    public static IReadOnlyList<QuotaMove>? Read(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } f) return null;
        var method = f.Object("method");
        var potentialWeight = method?.Number("potentialWeight", min: 0) ?? QuotaMethod.Default.PotentialWeight;
        var historyWeight = method?.Number("historyWeight", min: 0) ?? QuotaMethod.Default.HistoryWeight;
        method?.RejectUnknown();
        var moves = f.Array("moves", required: true).Select(m => ReadMove(m.Item, m.Path, potentialWeight, historyWeight, errors)).ToList();
        f.RejectUnknown();
        return errors.Count > 0 ? null : moves.Select(m => m!).ToList();
    }

    private static QuotaMove? ReadMove(JsonElement element, string path, double potentialWeight, double historyWeight, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var account = f.String("accountId", required: true);
        var from = f.String("fromRepId", required: true);
        var to = f.String("toRepId", required: true);
        var effectiveText = f.String("effective", required: true);
        var share = f.Number("share", min: 0, max: 1);
        var potential = f.Decimal("potential", min: 0);
        var repPotential = f.Decimal("repPotential", min: 0);
        var lastYear = f.Decimal("lastYear", min: 0);
        var repLastYear = f.Decimal("repLastYear", min: 0);
        f.RejectUnknown();
        if (share is null && (potential is null || repPotential is null))
            f.Error("share", "is required unless potential and repPotential are given (the account's and its old rep's)");
        if (from is not null && from == to) f.Error("toRepId", $"is the old rep \"{from}\" too");
        DateOnly effective = default;
        if (effectiveText is not null && !DateOnly.TryParseExact(effectiveText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out effective))
            f.Error("effective", $"must be a date such as 2027-07-01, not \"{effectiveText}\"");
        if (errors.Count > 0) return null;
        return new QuotaMove(account!, new RepId(from!), new RepId(to!), effective,
            share ?? QuotaMove.ShareOf(potential!.Value, repPotential!.Value, lastYear, repLastYear, potentialWeight, historyWeight));
    }
}
