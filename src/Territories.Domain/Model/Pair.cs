namespace Territories.Domain.Model;

/// <summary>An allowed (account, rep) pair with its own cost and, optionally, its own workload.</summary>
/// <param name="Cost">Minimised by the cost weight; in whatever unit the caller uses (often currency).</param>
/// <param name="Workload">Hours per year the account costs this rep (e.g. workload plus travel time); null means the account's workload.</param>
public sealed record Pair(AccountId AccountId, RepId RepId, decimal Cost, double? Workload);
