using Territories.Domain.Model;

namespace Territories.Domain.Visits;

/// <summary>What accounts are ranked by: potential, revenue, or a blend of both.</summary>
public enum ClassificationValue
{
    Potential,
    Revenue,
    Blend,
}

/// <summary>How to classify (contract section 9): the value ranked and the cumulative-share cut-offs of tiers A and B.</summary>
/// <param name="PotentialWeight">With <see cref="ClassificationValue.Blend"/>: value = w x potential + (1 - w) x revenue.</param>
/// <param name="A">Tier A holds the accounts ranked before the cumulative share of value reaches this (default 0.8).</param>
/// <param name="B">Tier B holds the next accounts, until the cumulative share reaches this (default 0.95).</param>
public sealed record ClassificationOptions(ClassificationValue By, double PotentialWeight, double A, double B)
{
    public static ClassificationOptions Default { get; } = new(ClassificationValue.Potential, 0.5, 0.8, 0.95);

    /// <summary>The value of one account that the ranking uses.</summary>
    public decimal ValueOf(Account account) => By switch
    {
        ClassificationValue.Potential => account.Potential,
        ClassificationValue.Revenue => account.Revenue,
        _ => (decimal)PotentialWeight * account.Potential + (1 - (decimal)PotentialWeight) * account.Revenue,
    };
}

/// <summary>One account's tier and why: its rank by value and the cumulative share of value up to and including it.</summary>
/// <param name="Rank">1 for the most valuable account; null for prospects, which are not ranked.</param>
/// <param name="CumulativeShare">Share of the total value held by this account and every account ranked before it; null for prospects.</param>
public sealed record AccountTier(AccountId AccountId, string Tier, int? Rank, double? CumulativeShare, decimal Value);

/// <summary>The classification of a book: every account with its tier, and the count per tier.</summary>
public sealed record Classification(ClassificationOptions Options, IReadOnlyDictionary<string, int> Tiers, IReadOnlyList<AccountTier> Accounts);

/// <summary>
/// Pareto (ABC) classification: accounts ranked by value, tier A until the cumulative share of value reaches the A cut-off,
/// B until the B cut-off, C after; accounts without revenue and without a current rep are prospects, kept apart.
/// </summary>
public static class Classifier
{
    public const string Prospect = "prospect";
    public static readonly IReadOnlyList<string> TierNames = ["A", "B", "C", Prospect];

    /// <summary>A prospect: nobody sells to it yet (no revenue) and nobody owns it (no current rep).</summary>
    public static bool IsProspect(Account account) => account.Revenue == 0 && account.CurrentRepId is null;

    public static Classification Classify(IReadOnlyList<Account> accounts, ClassificationOptions options)
    {
        var ranked = accounts.Where(a => !IsProspect(a))
            .Select(a => (Account: a, Value: options.ValueOf(a)))
            .OrderByDescending(x => x.Value).ThenBy(x => x.Account.Id.Value, StringComparer.Ordinal)
            .ToList();
        var total = ranked.Sum(x => x.Value);
        var tiers = new Dictionary<AccountId, AccountTier>(accounts.Count);
        decimal before = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            var (account, value) = ranked[i];
            var shareBefore = total > 0 ? (double)(before / total) : 1;
            before += value;
            var share = total > 0 ? (double)(before / total) : 1;
            tiers[account.Id] = new AccountTier(account.Id, TierOf(shareBefore, value, options), i + 1, Math.Round(share, 6), value);
        }
        var result = accounts.Select(a => tiers.TryGetValue(a.Id, out var t) ? t : new AccountTier(a.Id, Prospect, null, null, options.ValueOf(a))).ToList();
        var counts = TierNames.ToDictionary(t => t, t => result.Count(r => r.Tier == t));
        return new Classification(options, counts, result);
    }

    /// <summary>The account that crosses a cut-off still belongs to the tier below it; an account without value is never A or B.</summary>
    private static string TierOf(double shareBefore, decimal value, ClassificationOptions options) =>
        value <= 0 ? "C" : shareBefore < options.A ? "A" : shareBefore < options.B ? "B" : "C";

    /// <summary>The accounts with the tier of the classification written into their <c>tier</c> field.</summary>
    public static IReadOnlyList<Account> Apply(IReadOnlyList<Account> accounts, Classification classification)
    {
        var tierOf = classification.Accounts.ToDictionary(t => t.AccountId, t => t.Tier);
        return accounts.Select(a => a with { Tier = tierOf[a.Id] }).ToList();
    }
}
