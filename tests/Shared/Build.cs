using Territories.Domain.Model;

namespace Territories.Tests.Shared;

/// <summary>Builders for reps and accounts in hand-drawn test problems; linked into every test project that needs them.</summary>
internal static class Build
{
    public static Rep Rep(string id, double capacity = 100, string[]? skills = null, GeoPoint? home = null, int? maxAccounts = null) =>
        new(new RepId(id), null, home, (skills ?? []).ToHashSet(), capacity, maxAccounts, null);

    public static Account Account(string id, double workload = 10, string[]? skills = null, GeoPoint? location = null,
        decimal potential = 0, decimal revenue = 0, string? current = null, string? locked = null, string? unit = null) =>
        new(new AccountId(id), null, location, null, null, (skills ?? []).ToHashSet(), workload, potential, revenue,
            current is null ? null : new RepId(current), locked is null ? null : new RepId(locked), unit is null ? null : new UnitId(unit));
}
