using Territories.Domain.Contracts;
using Territories.Geo;
using Territories.Storage;

namespace Territories.Api.Hosting;

/// <summary>Opens the store the configuration names (PostgreSQL with <c>ConnectionStrings:Territories</c>, else the SQLite file) and loads the sample dataset.</summary>
public static class StoreSetup
{
    public const string SampleDatasetId = "sample";

    public static async Task<TerritoryStore> OpenAsync(IConfiguration configuration, ServiceSettings settings, TimeProvider time, ILogger log)
    {
        var database = configuration.GetConnectionString("Territories") is { Length: > 0 } connection
            ? Database.Postgres(connection)
            : Database.Sqlite(settings.SqlitePath);
        var store = await TerritoryStore.OpenAsync(database, time);
        log.LogInformation("Store: {Store}", database.Describe());
        await LoadSampleAsync(store, settings, log);
        return store;
    }

    private static async Task LoadSampleAsync(TerritoryStore store, ServiceSettings settings, ILogger log)
    {
        if (settings.SampleDatasetPath.Length == 0 || !File.Exists(settings.SampleDatasetPath)) return;
        if (await store.Datasets.ExistsAsync(SampleDatasetId)) return;
        var problem = TerritoryProblemReader.Read(await File.ReadAllTextAsync(settings.SampleDatasetPath));
        var created = await store.Datasets.CreateAsync(DatasetContents.Of(problem), SampleDatasetId);
        var shapesPath = Path.Combine(Path.GetDirectoryName(settings.SampleDatasetPath)!, "us-counties.geojson");
        if (File.Exists(shapesPath))
        {
            var (withUnits, shapes) = ProblemUnits.FromShapes(problem, UnitShapes.Read(await File.ReadAllTextAsync(shapesPath)));
            await store.Datasets.SetShapesAsync(SampleDatasetId, DatasetContents.Of(withUnits), CountyAtlas.WriteGeoJson(shapes), created.Version);
        }
        log.LogInformation("Loaded the sample dataset \"{Id}\": {Reps} reps, {Accounts} accounts", SampleDatasetId, problem.Reps.Count, problem.Accounts.Count);
    }
}
