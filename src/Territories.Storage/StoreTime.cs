namespace Territories.Storage;

/// <summary>The store keeps times as Unix milliseconds (UTC) in both engines.</summary>
internal static class StoreTime
{
    public static long Now(TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static DateTimeOffset From(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? From(long? ms) => ms is { } v ? From(v) : null;

    /// <summary>A new id: time-ordered, so listings sort by creation, and unguessable.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");
}
