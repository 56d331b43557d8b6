namespace Territories.Storage;

/// <summary>The store: datasets, scenarios, runs, users, credentials and the audit trail on one database, migrated to the latest schema when opened.</summary>
public sealed class TerritoryStore
{
    private TerritoryStore(Database database, TimeProvider time)
    {
        Database = database;
        Datasets = new DatasetStore(database, time);
        Scenarios = new ScenarioStore(database, time);
        Runs = new RunStore(database, time);
        Users = new UserStore(database, time);
        Credentials = new CredentialStore(database, time);
        Audit = new AuditStore(database);
        PlansInForce = new PlanInForceStore(database, time);
        Proposals = new ProposalStore(database, time);
        VisitLog = new VisitLogStore(database, time);
        DatasetPlans = new DatasetPlanStore(database, time);
    }

    public Database Database { get; }
    public DatasetStore Datasets { get; }
    public ScenarioStore Scenarios { get; }
    public RunStore Runs { get; }
    public UserStore Users { get; }
    public CredentialStore Credentials { get; }
    public AuditStore Audit { get; }
    public PlanInForceStore PlansInForce { get; }
    public ProposalStore Proposals { get; }
    public VisitLogStore VisitLog { get; }
    public DatasetPlanStore DatasetPlans { get; }

    /// <summary>Applies pending migrations and answers the store.</summary>
    public static async Task<TerritoryStore> OpenAsync(Database database, TimeProvider time, CancellationToken cancel = default)
    {
        await Migrator.MigrateAsync(database, time, cancel);
        return new TerritoryStore(database, time);
    }

    /// <summary>True when the database answers a trivial query.</summary>
    public async Task<bool> IsUpAsync(CancellationToken cancel = default)
    {
        try
        {
            await using var connection = await Database.OpenAsync(cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancel), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }
}
