using Territories.Storage;
using Territories.Tests.Shared;

namespace Territories.Api.Tests;

/// <summary>The empty store a test class runs its hosts on: settings that point a host at it, and the store opened directly.</summary>
public abstract class TestStore
{
    /// <summary>Creates the store; the settings that point a host at it.</summary>
    public abstract Task<Dictionary<string, string?>> CreateAsync();

    /// <summary>The same store, opened directly (as another process would).</summary>
    public abstract Task<TerritoryStore> OpenAsync();
}

/// <summary>A throwaway SQLite file.</summary>
public sealed class SqliteTestStore : TestStore
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"territories-api-{Guid.NewGuid():N}", "territories.db");

    public override Task<Dictionary<string, string?>> CreateAsync() => Task.FromResult(new Dictionary<string, string?> { ["Territories:SqlitePath"] = _path });

    public override Task<TerritoryStore> OpenAsync() => TerritoryStore.OpenAsync(Database.Sqlite(_path), TimeProvider.System);
}

/// <summary>A new database on the test PostgreSQL server.</summary>
public sealed class PostgresTestStore(PostgresServer server) : TestStore
{
    private string? _connection;

    public override async Task<Dictionary<string, string?>> CreateAsync()
    {
        _connection = await server.CreateDatabaseAsync();
        return new Dictionary<string, string?> { ["ConnectionStrings:Territories"] = _connection };
    }

    public override Task<TerritoryStore> OpenAsync() => TerritoryStore.OpenAsync(Database.Postgres(_connection!), TimeProvider.System);
}

/// <summary>Tests that start service hosts on their own store (<see cref="TestStore"/>), disposed with the test.</summary>
public abstract class StoredServiceTests(TestStore testStore) : IAsyncDisposable
{
    private readonly List<ServiceHost> _hosts = [];
    private Dictionary<string, string?>? _store;

    /// <summary>A host on this test's store, with the test defaults and <paramref name="extra"/> settings.</summary>
    protected async Task<ServiceHost> StartHostAsync(params (string Key, string? Value)[] extra)
    {
        _store ??= await testStore.CreateAsync();
        var settings = new Dictionary<string, string?>(ServiceHost.TestDefaults);
        foreach (var (key, value) in _store) settings[key] = value;
        foreach (var (key, value) in extra) settings[key] = value;
        var host = new ServiceHost(settings);
        _hosts.Add(host);
        return host;
    }

    /// <summary>This test's store, opened directly.</summary>
    protected async Task<TerritoryStore> StoreAsync()
    {
        _store ??= await testStore.CreateAsync();
        return await testStore.OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
