using Territories.Domain.Model;

namespace Territories.Domain.Visits;

/// <summary>
/// What a period requires (contract section 9): the working days, each account's visits due, and the spacing between them.
/// An account due a fraction of a visit in the period (a quarterly account over four weeks) is due one visit in the share
/// of periods its fraction gives: a fixed phase from its id decides which, so consecutive periods spread such accounts evenly.
/// </summary>
public sealed class VisitDemand(VisitPolicy policy, DateOnly from, int weeks)
{
    public VisitPolicy Policy { get; } = policy;
    public DateOnly From { get; } = from;
    public int Weeks { get; } = weeks;

    /// <summary>The working days of the period, in order.</summary>
    public IReadOnlyList<DateOnly> Days { get; } = Enumerable.Range(0, weeks * 7).Select(from.AddDays)
        .Where(d => policy.WorkingDays.Contains(d.DayOfWeek)).ToList();

    /// <summary>Appointments of the account inside the period.</summary>
    public IReadOnlyList<Appointment> AppointmentsOf(Account account) =>
        account.Appointments?.Where(a => a.Date >= From && a.Date < From.AddDays(Weeks * 7)).OrderBy(a => a.Date).ThenBy(a => a.Start).ToList() ?? [];

    /// <summary>Visits due in the period: the policy's rate over the period, with a fraction due in the share of periods it gives; at least the appointments.</summary>
    public int VisitsDue(Account account)
    {
        if (account.Tier is not { } tier || !Policy.Tiers.TryGetValue(tier, out var visits)) return AppointmentsOf(account).Count;
        var expected = visits.VisitsPerYear * Weeks / 52.0;
        var whole = (int)Math.Floor(expected + 1e-9);
        var due = whole + (Phase(account.Id) < expected - whole - 1e-9 ? 1 : 0);
        return Math.Max(due, AppointmentsOf(account).Count);
    }

    /// <summary>Visit length of the account's tier.</summary>
    public int MinutesOf(Account account) => Policy.Tiers.TryGetValue(account.Tier ?? "", out var v) ? v.Minutes : 0;

    /// <summary>The fewest working days between two visits of an account due <paramref name="visits"/> times: floor(days / visits) less one.</summary>
    public int MinGap(int visits) => visits <= 1 ? 0 : Math.Max(1, Days.Count / visits - 1);

    /// <summary>A fixed number in [0, 1) from the account id (FNV-1a), so the same account is due in the same periods on every run.</summary>
    private static double Phase(AccountId id)
    {
        var hash = 2166136261u;
        foreach (var c in id.Value) hash = (hash ^ c) * 16777619u;
        return hash / 4294967296.0;
    }
}
