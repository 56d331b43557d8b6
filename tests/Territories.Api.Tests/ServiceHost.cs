using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Territories.Api.Tests;

/// <summary>
/// The service in memory with the given settings (store, worker timings), as <c>dotnet run</c> would start it. Its
/// clients send the bootstrap admin's key (<see cref="AdminKey"/>) unless a test takes it off (<see cref="Anonymous"/>).
/// </summary>
public sealed class ServiceHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>The key the bootstrap admin of every test store gets.</summary>
    public const string AdminKey = "test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>The request header that sets the client address a test request comes from (see <see cref="ClientAddressFilter"/>).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>Fast heartbeats and polls so tests see progress quickly; no sample dataset unless a test asks for it.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestDefaults = new Dictionary<string, string?>
    {
        ["Territories:SampleDatasetPath"] = "",
        ["Territories:HeartbeatSeconds"] = "0.2",
        ["Territories:PollSeconds"] = "0.1",
        ["Territories:LeaseSeconds"] = "5",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        ["Territories:Auth:BootstrapAdminKey"] = AdminKey,
    };

    /// <summary>Log lines of every level, for tests that check what the service writes to its log.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>A client without credentials (and its own cookie jar).</summary>
    public HttpClient Anonymous()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A client sending <paramref name="key"/>.</summary>
    public HttpClient WithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
    }
}
