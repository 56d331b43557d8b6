using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territories.Api.Tests;

namespace Territories.Web.Tests;

/// <summary>
/// The service on a real loopback port (Kestrel, SQLite in a temporary folder, the bundled Texas sample loaded) and one
/// Debian Chromium for a test class. Without /usr/bin/chromium the tests skip outside CI and fail in CI (CI=true).
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "a long password for tests";

    private readonly string _folder = Directory.CreateTempSubdirectory("territories-web-").FullName;
    private ServiceHost? _service;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly Dictionary<string, string> _users = [];

    public string BaseUrl { get; private set; } = "";

    /// <summary>Screenshots of the main pages, for people to look at (not compared by the tests).</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public HttpClient Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(ServiceHost.TestDefaults)
        {
            ["Territories:SqlitePath"] = Path.Combine(_folder, "territories.db"),
            ["Territories:SampleDatasetPath"] = Path.Combine(AppContext.BaseDirectory, "sample", "book.json"),
            // The cancel test's long run must not hold up the others' short ones.
            ["Territories:MaxConcurrentRuns"] = "2",
        };
        _service = new ServiceHost(settings);
        _service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _service.StartServer();
        BaseUrl = _service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Admin = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServiceHost.AdminKey);
        if (!File.Exists(ChromiumPath)) return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) on a 1400 x 1000 window; skips or fails when there is no browser.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (_browser is null)
        {
            var reason = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium); the web workspace's browser tests need it.";
            if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(reason);
            Assert.Skip(reason);
        }
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        // A 401 or 404 the page expects (no session yet, a dataset without shapes) is logged by the browser too: not an error here.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(message.Text); };
        _pageErrors[page] = errors;
        return page;
    }

    private readonly Dictionary<IPage, List<string>> _pageErrors = [];

    /// <summary>Script errors and console errors the page reported (a Content-Security-Policy refusal shows up here).</summary>
    public IReadOnlyList<string> ErrorsOf(IPage page) => _pageErrors[page];

    /// <summary>Creates (once) a user of the role with <see cref="Password"/>; answers its name.</summary>
    public async Task<string> UserAsync(string role)
    {
        var name = $"{role}-user";
        if (_users.ContainsKey(name)) return name;
        var response = await Admin.PostAsJsonAsync("/api/v1/users", new { name, role, password = Password });
        response.EnsureSuccessStatusCode();
        _users[name] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return name;
    }

    /// <summary>Opens the page and signs in with name and password through the form; waits for the navigation to show.</summary>
    public async Task<IPage> SignedInAsync(string role)
    {
        var name = await UserAsync(role);
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync($"{name} · {role}");
        return page;
    }

    /// <summary>Saves the whole page, or with <paramref name="fullPage"/> false only the window as it is scrolled.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = fullPage });
    }

    /// <summary>Saves one part of the page (a panel), as the README shows it.</summary>
    public static async Task ScreenshotAsync(ILocator part, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png") });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Admin?.Dispose();
        if (_service is not null) await _service.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
