using System.Diagnostics;
using System.Globalization;

namespace Territories.Load;

/// <summary>
/// The service under test: the Release build started by this tool on a loopback port with a fresh store (a temporary
/// SQLite file, or the given PostgreSQL database), whose resident memory it reads from /proc; or, with <c>--url</c>,
/// a service someone else started (then memory figures are not available).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string? _folder;

    private ServiceProcess(Uri url, Process? process, string? folder)
    {
        Url = url;
        _process = process;
        _folder = folder;
    }

    public Uri Url { get; }

    public bool MeasuresMemory => _process is not null;

    public static async Task<ServiceProcess> StartAsync(LoadOptions options, HttpClient http, string? adminKey)
    {
        if (options.Url is { } given) return new ServiceProcess(new Uri(given), null, null);
        if (!File.Exists(options.ServiceDll))
            throw new FileNotFoundException($"no service build at {options.ServiceDll}; run `dotnet build src/Territories.Api -c Release` first, or pass --service or --url");
        var folder = Path.Combine(Path.GetTempPath(), $"territories-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var url = new Uri($"http://127.0.0.1:{options.Port}");
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(options.ServiceDll)])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(options.ServiceDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["Territories__SqlitePath"] = Path.Combine(folder, "territories.db");
        start.Environment["Territories__SampleDatasetPath"] = "";
        if (adminKey is not null) start.Environment["Territories__Auth__BootstrapAdminKey"] = adminKey;
        // The load is one user's on purpose: its per-user rate limits would otherwise refuse most of it.
        start.Environment["Territories__Auth__SolvesPerMinute"] = "100000";
        start.Environment["Territories__Auth__RunsPerMinute"] = "100000";
        if (options.Postgres is { } connection) start.Environment["ConnectionStrings__Territories"] = connection;
        foreach (var (name, value) in options.Environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var output = new StreamWriter(Path.Combine(folder, "service.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(url, process, folder);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                var log = await File.ReadAllTextAsync(Path.Combine(folder, "service.log"));
                await service.DisposeAsync();
                throw new InvalidOperationException($"the service exited with {process.ExitCode}:\n{log}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(url, "/health"))).IsSuccessStatusCode) return service;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                await service.DisposeAsync();
                throw new TimeoutException("the service did not answer /health within 60 s");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The service's resident memory in MB (VmRSS), or NaN when this tool did not start it.</summary>
    public double ResidentMegabytes()
    {
        if (_process is null) return double.NaN;
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
    }
}
