using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Territories.Tests.Shared;

/// <summary>
/// A real PostgreSQL server for the tests: the one named by <c>TERRITORIES_TEST_POSTGRES</c> (a connection string), or
/// a throwaway cluster this fixture creates with initdb and starts with pg_ctl on a free loopback port, and removes at
/// the end. Each test gets its own database. Without PostgreSQL on the machine, the PostgreSQL tests are skipped with
/// the reason; CI installs it and sets <c>TERRITORIES_REQUIRE_POSTGRES=1</c>, so there they always run.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _dataDirectory;
    private string? _binDirectory;
    private string? _adminConnection;

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("TERRITORIES_TEST_POSTGRES") is { Length: > 0 } given)
        {
            _adminConnection = given;
            return;
        }
        _binDirectory = FindBinDirectory();
        if (_binDirectory is null && Environment.GetEnvironmentVariable("TERRITORIES_REQUIRE_POSTGRES") == "1")
            throw new InvalidOperationException("TERRITORIES_REQUIRE_POSTGRES is 1 but PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin)");
        if (_binDirectory is null)
        {
            SkipReason = "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin) and TERRITORIES_TEST_POSTGRES is not set";
            return;
        }
        _dataDirectory = Path.Combine(Path.GetTempPath(), $"territories-pg-{Guid.NewGuid():N}");
        var port = FreePort();
        await RunAsync("initdb", $"-D {_dataDirectory} --auth=trust --no-sync -U postgres -E UTF8");
        await RunAsync("pg_ctl", $"-D {_dataDirectory} -l {_dataDirectory}/server.log -w start " +
            $"-o \"-p {port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\"");
        _adminConnection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>A new empty database on the server; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (SkipReason is not null) Assert.Skip(SkipReason);
        var name = $"territories_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_adminConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_adminConnection) { Database = name }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dataDirectory is null) return;
        await RunAsync("pg_ctl", $"-D {_dataDirectory} -m fast -w stop");
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a server tool; as root through <c>runuser -u postgres</c>, since initdb refuses to run as root.</summary>
    private async Task RunAsync(string tool, string arguments)
    {
        var executable = Path.Combine(_binDirectory!, tool);
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : executable, asRoot ? $"-u postgres -- {executable} {arguments}" : arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}{await output}");
    }
}
