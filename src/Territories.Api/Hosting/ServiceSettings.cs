namespace Territories.Api.Hosting;

/// <summary>The service's settings, read from the <c>Territories</c> configuration section (environment: <c>Territories__Name</c>).</summary>
public sealed class ServiceSettings
{
    public const string Section = "Territories";

    /// <summary>The SQLite file of the embedded store, used when <c>ConnectionStrings:Territories</c> is not set.</summary>
    public string SqlitePath { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "territories", "territories.db");

    /// <summary>The sample dataset loaded (as id <c>sample</c>) when the store has no dataset of that id; empty to skip.</summary>
    public string SampleDatasetPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "sample", "book.json");

    /// <summary>The largest request body accepted, in bytes (a 50,000-account dataset is about 15 MB of JSON).</summary>
    public long MaxRequestBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>How many solves this instance runs at once; the rest wait in submission order.</summary>
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>Identifies this instance in leases and in <c>solvedBy</c>; defaults to host name and process id.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How long a claimed run stays this instance's without a heartbeat; another instance takes it over after that.</summary>
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>How often a solving instance stores progress, renews its lease and checks for a cancel.</summary>
    public double HeartbeatSeconds { get; set; } = 1;

    /// <summary>How often an idle instance looks for queued runs submitted through other instances.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>The longest time limit a stored run may ask for.</summary>
    public double MaxRunSeconds { get; set; } = 3600;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);
    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);
}
