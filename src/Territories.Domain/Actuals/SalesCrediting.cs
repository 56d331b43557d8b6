namespace Territories.Domain.Actuals;

/// <summary>A logged sale and the rep it is credited to: the account's owner on the day of the sale (null: no owner then).</summary>
public sealed record CreditedSale(string? VisitId, DateOnly Date, string AccountId, string LoggedBy, string? CreditedTo, decimal Amount);

/// <summary>
/// Crediting (contract section 8): every logged sale goes to the rep who owns the account in the plan in force on the day
/// of the sale, not to the rep who logged it; nothing is lost or counted twice.
/// </summary>
public static class SalesCrediting
{
    public static IReadOnlyList<CreditedSale> Credit(IEnumerable<StoredVisit> log, OwnerTimeline owners) =>
        log.Where(v => v.Visit.Sale is > 0)
            .Select(v => new CreditedSale(v.Id, v.Visit.Date, v.Visit.AccountId, v.Visit.RepId, owners.OwnerOn(v.Visit.AccountId, v.Visit.Date), v.Visit.Sale!.Value))
            .ToList();

    /// <summary>Credited sales per rep and period: each sale in the period whose days hold its date.</summary>
    public static IReadOnlyDictionary<(string RepId, string Period), decimal> PerRepAndPeriod(IEnumerable<CreditedSale> sales,
        IEnumerable<(string Id, DateOnly Start, DateOnly End)> periods)
    {
        var list = periods.ToList();
        var sums = new Dictionary<(string, string), decimal>();
        foreach (var sale in sales)
        {
            if (sale.CreditedTo is not { } rep) continue;
            foreach (var period in list.Where(p => p.Start <= sale.Date && sale.Date <= p.End))
                sums[(rep, period.Id)] = sums.GetValueOrDefault((rep, period.Id)) + sale.Amount;
        }
        return sums;
    }
}
