using System.Globalization;

namespace Territories.Load;

/// <summary>Runs the chosen parts against the service, one after the other, and prints their figures as Markdown.</summary>
public static class LoadTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        // A service this tool starts gets a fresh store whose bootstrap admin holds this key.
        var key = options.Key ?? (options.Url is null ? $"load-{Guid.NewGuid():N}" : null);
        using var http = ServiceApi.CreateClient(key);
        await using var service = await ServiceProcess.StartAsync(options, http, key);
        var api = new ServiceApi(http, service.Url);
        var report = Console.Out;
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Load test, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, service {(options.Url ?? options.ServiceDll)}, store {(options.Postgres is null ? "SQLite" : "PostgreSQL")}{string.Concat(options.Environment.Select(e => $", {e.Name}={e.Value}"))}\n"));
        foreach (var part in options.Parts)
        {
            switch (part)
            {
                case "solves": await SolvePart.RunAsync(api, options, report); break;
                case "pages": await PagePart.RunAsync(api, options, report); break;
                case "bodies" when service.MeasuresMemory: await MemoryPart.BodiesAsync(api, service, options, report); break;
                case "idle" when service.MeasuresMemory: await MemoryPart.IdleAsync(api, service, options, report); break;
                case "hostile": await HostilePart.RunAsync(api, report); break;
                default: report.WriteLine($"(part {part} skipped: it reads the resident memory of a service this tool starts)\n"); break;
            }
            await report.FlushAsync();
        }
        return 0;
    }
}
