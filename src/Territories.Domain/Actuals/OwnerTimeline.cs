namespace Territories.Domain.Actuals;

/// <summary>One change of an account's owner, from a day on, made by the publication with sequence number <see cref="Seq"/>.</summary>
public sealed record OwnerChangeOn(string AccountId, DateOnly From, string RepId, string? PreviousRepId, int Seq);

/// <summary>
/// Who owns each account on any day (contract section 8): its owner before any publication, then each published change
/// from its day on. <see cref="OwnerOn"/> can also answer as the plan stood before a given publication (quota relief needs
/// the old rep's book just before the move).
/// </summary>
public sealed class OwnerTimeline
{
    private readonly Dictionary<string, string?> _initial;
    private readonly Dictionary<string, List<OwnerChangeOn>> _changes;

    public OwnerTimeline(IEnumerable<(string AccountId, string? RepId)> initial, IEnumerable<OwnerChangeOn> changes)
    {
        _initial = initial.ToDictionary(a => a.AccountId, a => a.RepId);
        Changes = changes.OrderBy(c => c.Seq).ThenBy(c => c.AccountId, StringComparer.Ordinal).ToList();
        _changes = Changes.GroupBy(c => c.AccountId).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>Every account, in the dataset's order.</summary>
    public IEnumerable<string> Accounts => _initial.Keys;

    /// <summary>Every published change, by publication and account.</summary>
    public IReadOnlyList<OwnerChangeOn> Changes { get; }

    public bool Contains(string accountId) => _initial.ContainsKey(accountId);

    /// <summary>
    /// The owner of <paramref name="accountId"/> on <paramref name="day"/>: the latest change from a day on or before it (of
    /// two from the same day, the later publication's), counting only publications before <paramref name="beforeSeq"/>.
    /// </summary>
    public string? OwnerOn(string accountId, DateOnly day, int beforeSeq = int.MaxValue)
    {
        var owner = _initial.GetValueOrDefault(accountId);
        if (!_changes.TryGetValue(accountId, out var changes)) return owner;
        OwnerChangeOn? latest = null;
        foreach (var change in changes)
            if (change.Seq < beforeSeq && change.From <= day && (latest is null || change.From >= latest.From)) latest = change;
        return latest?.RepId ?? owner;
    }
}
