using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Territories.Api.Tests;

/// <summary>The service in memory with the given settings (store, worker timings), as <c>dotnet run</c> would start it.</summary>
public sealed class ServiceHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>Fast heartbeats and polls so tests see progress quickly; no sample dataset unless a test asks for it.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestDefaults = new Dictionary<string, string?>
    {
        ["Territories:SampleDatasetPath"] = "",
        ["Territories:HeartbeatSeconds"] = "0.2",
        ["Territories:PollSeconds"] = "0.1",
        ["Territories:LeaseSeconds"] = "5",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}
