namespace Territories.Domain.Actuals;

/// <summary>Visits of one tier in the week: how many the policy planned and how many were done.</summary>
public sealed record TierCount(string Tier, int Planned, int Done);

/// <summary>An account whose last completed visit (or, never visited, the start of the log) is older than its tier's interval.</summary>
/// <param name="LastVisit">The last completed visit on or before the week's end; null when none was ever logged.</param>
/// <param name="DaysSince">Days from the last visit (or the log's first day) to the week's end.</param>
/// <param name="IntervalDays">The policy's interval for the tier: 365 / visits a year, rounded up.</param>
public sealed record OverdueAccount(string AccountId, string? Tier, DateOnly? LastVisit, int DaysSince, int IntervalDays);

/// <summary>A week's figures for a rep, a unit or the team.</summary>
/// <param name="Planned">Visits the visit policy asks for in the week, of the accounts owned on its first day.</param>
/// <param name="Done">Completed visits logged in the week (for the rep who made them).</param>
/// <param name="NewProspectsVisited">Prospects whose first completed visit ever falls in the week.</param>
/// <param name="Sales">Sales credited in the week: to the account's owner on the day of each sale.</param>
/// <param name="Quota">The week's quota in the quota plan in force, relieved by the publications since; null without one.</param>
/// <param name="Attainment">Sales over quota; null without a quota or with a quota of 0.</param>
/// <param name="Overdue">Accounts overdue for a visit at the week's end.</param>
public sealed record WeekTotals(int Planned, int Done, IReadOnlyList<TierCount> Tiers, int NewProspectsVisited, decimal Sales, decimal? Quota,
    double? Attainment, int Overdue);

/// <summary>One rep's week, with its overdue accounts (owned at the week's end), most overdue first.</summary>
public sealed record RepWeek(string RepId, string? Name, string? OrgUnitId, WeekTotals Totals, IReadOnlyList<OverdueAccount> OverdueAccounts);

/// <summary>One org unit's week: the sums over the reps below it.</summary>
public sealed record UnitWeek(string OrgUnitId, string? Name, string? ParentId, int Level, WeekTotals Totals);

/// <summary>The weekly plan-against-actual report (issue 15) for the ISO week <see cref="Week"/>, Monday to Sunday.</summary>
/// <param name="Policy">Where the planned visits come from (the dataset's visit policy in force), or null: nothing planned, nothing overdue.</param>
/// <param name="QuotaPlan">Whether a quota plan is in force (else no quota and no attainment).</param>
public sealed record WeeklyReport(string Week, DateOnly From, DateOnly To, bool Policy, bool QuotaPlan, WeekTotals Team,
    IReadOnlyList<RepWeek> Reps, IReadOnlyList<UnitWeek> OrgUnits);
