using System.Text.Json;
using Territories.Domain.Actuals;

namespace Territories.Domain.Contracts;

/// <summary>
/// Reads one logged visit or sale: <c>{ "date": "2027-01-19", "accountId", "repId", "outcome": "completed", "sale": 1250.50,
/// "note" }</c>. The account and the rep must be the dataset's; <c>sale</c> is optional, in cents at most, never negative, and
/// required for an <c>order</c>; a <c>cancelled</c> visit sells nothing. Every error names its field path.
/// </summary>
public sealed class LoggedVisitReader(IReadOnlySet<string> accountIds, IReadOnlySet<string> repIds)
{
    /// <summary>A log file: <c>{ "visits": [ … ] }</c>, errors at <c>visits[3].date</c>.</summary>
    public IReadOnlyList<LoggedVisit> ReadLog(string json) => ContractJson.Read(json, (root, errors) =>
    {
        if (JsonFields.Of(root, "", errors) is not { } f) return null;
        var visits = f.Array("visits", required: true).Select(v => Read(v.Item, v.Path, errors)).ToList();
        f.RejectUnknown();
        return errors.Count > 0 ? null : visits.Select(v => v!).ToList();
    });

    public LoggedVisit? Read(JsonElement element, string path, List<InputError> errors)
    {
        if (JsonFields.Of(element, path, errors) is not { } f) return null;
        var before = errors.Count;
        var date = f.Date("date", required: true);
        var account = f.String("accountId", required: true);
        var rep = f.String("repId", required: true);
        var outcome = f.String("outcome", required: true);
        var sale = f.Decimal("sale", min: 0);
        var note = f.String("note");
        f.RejectUnknown();
        if (account is not null && !accountIds.Contains(account)) f.Error("accountId", $"names unknown account \"{account}\" (not in the dataset)");
        if (rep is not null && !repIds.Contains(rep)) f.Error("repId", $"names unknown rep \"{rep}\" (not in the dataset)");
        if (outcome is not null && !VisitOutcomes.All.Contains(outcome))
            f.Error("outcome", $"must be one of {string.Join(", ", VisitOutcomes.All)}, not \"{outcome}\"");
        if (sale is { } amount && decimal.Round(amount, 2) != amount) f.Error("sale", "must be a whole number of cents");
        if (outcome == VisitOutcomes.Order && sale is null && !f.Has("sale")) f.Error("sale", "is required for an order (a sale without a visit)");
        if (outcome == VisitOutcomes.Cancelled && sale is > 0) f.Error("sale", "must be empty for a cancelled visit");
        return errors.Count > before ? null : new LoggedVisit(date!.Value, account!, rep!, outcome!, sale, note);
    }
}
