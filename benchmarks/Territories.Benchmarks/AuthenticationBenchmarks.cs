extern alias api;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Territories.Benchmarks;

/// <summary>
/// What authentication adds to a cheap GET through the whole pipeline of the service in memory: without credentials
/// (the baseline), with an API key, and with a session cookie. Two GETs: <c>/health</c> (one trivial query on the
/// SQLite store) and <c>/api/v1/session/oidc</c> (anonymous, answers 404 problem details without touching the store
/// while no external sign-in is set), so the second shows the pipeline's own cost.
/// </summary>
[MemoryDiagnoser]
public class AuthenticationBenchmarks
{
    private const string AdminKey = "benchmark-admin-key-0123456789abcdefghijklmnop";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"territories-bench-{Guid.NewGuid():N}");
    private WebApplicationFactory<api::Program> _service = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _key = null!;
    private HttpClient _session = null!;

    [Params("/health", "/api/v1/session/oidc")]
    public string Target { get; set; } = "";

    [GlobalSetup]
    public async Task Setup()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TERRITORIES_API", ApiFolder());
        _service = new WebApplicationFactory<api::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("Territories:SqlitePath", Path.Combine(_folder, "territories.db"));
            host.UseSetting("Territories:SampleDatasetPath", "");
            host.UseSetting("Territories:Auth:BootstrapAdminKey", AdminKey);
            host.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _anonymous = _service.CreateClient();
        var admin = _service.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var user = await (await admin.PostAsJsonAsync("/api/v1/users", new { name = "bench", role = "planner", password = "benchmark password" })).Content
            .ReadFromJsonAsync<JsonElement>();
        var created = await (await admin.PostAsync($"/api/v1/users/{user.GetProperty("id").GetString()}/keys", null)).Content.ReadFromJsonAsync<JsonElement>();
        _key = _service.CreateClient();
        _key.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("key").GetString());
        _session = _service.CreateClient();
        (await _session.PostAsJsonAsync("/api/v1/session", new { name = "bench", password = "benchmark password" })).EnsureSuccessStatusCode();
        (await _key.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
        (await _session.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _service.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<HttpStatusCode> WithoutCredentials() => Get(_anonymous);

    [Benchmark]
    public Task<HttpStatusCode> WithApiKey() => Get(_key);

    [Benchmark]
    public Task<HttpStatusCode> WithSessionCookie() => Get(_session);

    /// <summary>The service's project folder (its content root), found above the benchmark's binaries.</summary>
    private static string ApiFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "Territories.Api");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/Territories.Api was not found above " + AppContext.BaseDirectory);
    }

    private async Task<HttpStatusCode> Get(HttpClient client)
    {
        using var response = await client.GetAsync(Target);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound ? response.StatusCode : throw new InvalidOperationException($"{Target}: {response.StatusCode}");
    }
}
