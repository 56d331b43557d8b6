using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Territories.Api.Tests;

/// <summary>
/// The built service started as a user starts it (<c>dotnet Territories.Api.dll</c> in its output folder, so with the
/// <c>appsettings.json</c> copied there): its console log is one JSON object per line, framework categories stay
/// quiet at Information, and the request log appears only when switched on, one entry per request.
/// </summary>
public sealed class ServiceLogTests
{
    [Fact]
    public async Task ConsoleLog_IsJsonLines_WithoutFrameworkChatter_AndRequestsOnlyWhenAsked()
    {
        var quiet = await RunServiceAsync(requestLogging: false);
        var logged = await RunServiceAsync(requestLogging: true);

        foreach (var log in new[] { quiet, logged })
        {
            Assert.NotEmpty(log);
            Assert.Contains(log, e => e.Category == "Microsoft.Hosting.Lifetime" && e.Message.StartsWith("Now listening on", StringComparison.Ordinal));
            Assert.Contains(log, e => e.Category == "Territories.Store" && e.Level == "Information");
            Assert.DoesNotContain(log, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Category != RequestCategory && e.Level == "Information");
        }
        Assert.DoesNotContain(quiet, e => e.Category == RequestCategory);
        var requests = logged.Where(e => e.Category == RequestCategory).ToList();
        Assert.Equal(3, requests.Count);
        Assert.Equal(2, requests.Count(e => e.Message.Contains("/health", StringComparison.Ordinal) && e.Message.Contains("200", StringComparison.Ordinal)));
        Assert.Single(requests, e => e.Message.Contains("/api/v1/datasets", StringComparison.Ordinal) && e.Message.Contains("401", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, e => e.Message.Contains("Authorization", StringComparison.OrdinalIgnoreCase));
    }

    private const string RequestCategory = "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware";

    private sealed record Entry(string Category, string Level, string Message);

    /// <summary>Starts the service, sends three requests, stops it with SIGTERM and answers every line it wrote, each parsed as JSON.</summary>
    private static async Task<List<Entry>> RunServiceAsync(bool requestLogging)
    {
        var folder = Directory.CreateTempSubdirectory("territories-log-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Territories.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Territories__SqlitePath"] = Path.Combine(folder, "territories.db"),
                ["Territories__SampleDatasetPath"] = "",
                ["Territories__Auth__BootstrapAdminKey"] = ServiceHost.AdminKey,
                ["Territories__RequestLogging"] = requestLogging ? "true" : "false",
            },
        };
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) lock (lines) lines.Add(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) lock (lines) lines.Add(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await PollAsync(async () =>
            {
                try
                {
                    return (await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, process);
            await http.GetAsync("/health");
            await http.GetAsync("/api/v1/datasets");
            Assert.Equal(0, Terminate(process.Id));
            await process.WaitForExitAsync(new CancellationTokenSource(ServiceClient.Deadline).Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            Directory.Delete(folder, recursive: true);
        }
        lock (lines)
        {
            return lines.Select(line =>
            {
                var entry = JsonDocument.Parse(line).RootElement;
                return new Entry(entry.GetProperty("Category").GetString()!, entry.GetProperty("LogLevel").GetString()!, entry.GetProperty("Message").GetString()!);
            }).ToList();
        }
    }

    /// <summary>Polls until the service answers; fails when it exits first or the deadline passes.</summary>
    private static async Task PollAsync(Func<Task<bool>> up, Process process)
    {
        var deadline = DateTime.UtcNow + ServiceClient.Deadline;
        while (!await up())
        {
            Assert.False(process.HasExited, "the service exited before it answered");
            Assert.True(DateTime.UtcNow < deadline, "the service did not answer /health");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGTERM, as a container runtime stops the service: it shuts down and flushes its log.</summary>
    private static int Terminate(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
