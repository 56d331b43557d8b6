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

    /// <summary>The largest document body accepted (a dataset, a problem to solve, unit shapes, a CSV upload), in bytes; a 60,000-account dataset is about 25 MB of JSON.</summary>
    public long MaxRequestBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Logs one entry per request (method, path, status, duration; see <see cref="RequestLog"/>) at Information in the <c>Microsoft.AspNetCore.HttpLogging</c> category; off by default.</summary>
    public bool RequestLogging { get; set; }

    /// <summary>The largest body of the small requests (scenarios, quota and hiring requests), in bytes.</summary>
    public long MaxSmallRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Bodies larger than this are spooled to a temporary file as they arrive and handled one at a time.</summary>
    public long SpoolAboveBytes { get; set; } = 1024 * 1024;

    /// <summary>How many stored runs this instance solves at once (each on one of the solver workers); the rest wait in submission order.</summary>
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>
    /// The solver's own threads: how many solves (synchronous and stored runs together) run at once. When all are busy,
    /// <c>POST /api/v1/plans/solve</c> answers 503 with <c>Retry-After</c> at once and stored runs wait in the queue.
    /// </summary>
    public int SolverWorkers { get; set; } = Environment.ProcessorCount;

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
