namespace Territories.Api.Tests;

/// <summary>One service on a throwaway SQLite file, shared by a test class that does not depend on stored state.</summary>
public sealed class EmbeddedStoreHost : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"territories-api-{Guid.NewGuid():N}");

    public EmbeddedStoreHost()
    {
        var settings = new Dictionary<string, string?>(ServiceHost.TestDefaults)
        {
            ["Territories:SqlitePath"] = Path.Combine(_folder, "territories.db"),
            ["Territories:MaxRequestBytes"] = "1000000",
        };
        Host = new ServiceHost(settings);
    }

    public ServiceHost Host { get; }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
