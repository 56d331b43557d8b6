using Territories.Domain.Model;

namespace Territories.Domain.Quotas;

/// <summary>
/// A published move of one account (contract section 8): from <see cref="Effective"/> on, <see cref="ToRepId"/> carries
/// the part of <see cref="FromRepId"/>'s quota that the account carried, <see cref="Share"/> of it.
/// </summary>
public sealed record QuotaMove(string AccountId, RepId FromRepId, RepId ToRepId, DateOnly Effective, double Share)
{
    /// <summary>
    /// The account's share of its rep's quota: the same blend quotas are set by, potentialWeight times its share of the
    /// rep's potential plus historyWeight times its share of the rep's last year, over the weights' sum (a rep without a
    /// last year gives the potential share alone).
    /// </summary>
    public static double ShareOf(decimal potential, decimal repPotential, decimal? lastYear, decimal? repLastYear, double potentialWeight, double historyWeight)
    {
        var potentialShare = repPotential > 0 ? (double)(potential / repPotential) : 0;
        if (repLastYear is not > 0) return Math.Clamp(potentialShare, 0, 1);
        var historyShare = (double)((lastYear ?? 0) / repLastYear.Value);
        return Math.Clamp((potentialWeight * potentialShare + historyWeight * historyShare) / (potentialWeight + historyWeight), 0, 1);
    }
}

/// <summary>What one move took from one rep and gave the other over the year.</summary>
public sealed record ReliefEntry(string AccountId, RepId FromRepId, RepId ToRepId, DateOnly Effective, double Share, decimal Amount);
