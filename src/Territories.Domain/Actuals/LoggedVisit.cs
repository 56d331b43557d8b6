namespace Territories.Domain.Actuals;

/// <summary>
/// The outcomes a logged entry may have: <c>completed</c> (the rep met the account: a visit done), <c>no-show</c> (the rep
/// went, nobody received it), <c>cancelled</c> (the visit did not take place), <c>order</c> (a sale without a visit: by phone,
/// mail or online). Only a completed visit counts as done and restarts the account's visit clock.
/// </summary>
public static class VisitOutcomes
{
    public const string Completed = "completed";
    public const string NoShow = "no-show";
    public const string Cancelled = "cancelled";
    public const string Order = "order";

    public static readonly string[] All = [Completed, NoShow, Cancelled, Order];

    public static bool IsVisitDone(string outcome) => outcome == Completed;
}

/// <summary>One visit or sale logged against an account (issue 15's plan against actual).</summary>
/// <param name="RepId">The rep who made the visit or took the order; a sale is credited to the account's owner on <paramref name="Date"/>, whoever logged it.</param>
/// <param name="Sale">The amount sold, in the quota plan's currency; null when nothing was sold.</param>
public sealed record LoggedVisit(DateOnly Date, string AccountId, string RepId, string Outcome, decimal? Sale, string? Note);

/// <summary>A logged entry as stored: its id, and who logged it when.</summary>
public sealed record StoredVisit(string Id, LoggedVisit Visit, string? LoggedBy, DateTimeOffset LoggedAt);
