using Territories.Domain.Actuals;
using Territories.Domain.Model;
using Territories.Domain.Quotas;

namespace Territories.Planning.Quotas;

/// <summary>An account's value for quota shares: its potential and what it sold last year (the dataset's revenue).</summary>
public sealed record AccountValue(decimal Potential, decimal Revenue);

/// <summary>
/// The quota moves a dataset's publications made (contract section 8), for <see cref="QuotaReliever"/>: every owner change
/// of a publication after the one a quota plan was put in force after, from the change's day. The account carries its
/// share of the old rep's book as it stood just before that publication on that day (the quota method's blend of
/// potential and revenue shares). Shares are of what the old rep still holds when the move is applied, so the accounts one
/// publication takes from a rep take together exactly their joint share of its book. Changes from no owner, or from a rep
/// without a quota, carry no quota.
/// </summary>
public static class PublishedMoves
{
    public static IReadOnlyList<QuotaMove> Of(OwnerTimeline owners, int afterSeq, IReadOnlyDictionary<string, AccountValue> accounts, QuotaMethod method,
        IReadOnlySet<string> repsWithQuota)
    {
        var moves = new List<QuotaMove>();
        foreach (var publication in owners.Changes.Where(c => c.Seq > afterSeq && c.PreviousRepId is { } from && repsWithQuota.Contains(from))
                     .GroupBy(c => (c.Seq, c.From)))
        {
            var (seq, day) = publication.Key;
            var books = owners.Accounts.GroupBy(a => owners.OwnerOn(a, day, seq) ?? "").ToDictionary(g => g.Key,
                g => new AccountValue(g.Sum(a => ValueOf(accounts, a).Potential), g.Sum(a => ValueOf(accounts, a).Revenue)));
            foreach (var leaving in publication.GroupBy(c => c.PreviousRepId!))
            {
                var book = books.GetValueOrDefault(leaving.Key) ?? new AccountValue(0, 0);
                var held = 1.0;
                foreach (var change in leaving)
                {
                    var value = ValueOf(accounts, change.AccountId);
                    var share = QuotaMove.ShareOf(value.Potential, book.Potential, value.Revenue, book.Revenue, method.PotentialWeight, method.HistoryWeight);
                    var ofWhatIsHeld = held > 1e-12 ? Math.Min(1, share / held) : 0;
                    held = Math.Max(0, held - share);
                    moves.Add(new QuotaMove(change.AccountId, new RepId(leaving.Key), new RepId(change.RepId), day, ofWhatIsHeld));
                }
            }
        }
        return moves;
    }

    private static AccountValue ValueOf(IReadOnlyDictionary<string, AccountValue> accounts, string id) => accounts.GetValueOrDefault(id) ?? new AccountValue(0, 0);
}
