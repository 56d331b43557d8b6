extern alias api;

using BenchmarkDotNet.Attributes;
using Territories.Domain.Actuals;
using Territories.Domain.Model;
using Territories.Domain.Quotas;
using Territories.Domain.Samples;
using Territories.Planning.Quotas;
using Territories.Storage;

namespace Territories.Benchmarks;

/// <summary>
/// Publishing a change of 2,000 accounts on a 20,000-account dataset (SQLite, a temporary file): each invocation makes
/// the other of two plans the plan in force from the next day, so exactly 2,000 owners change every time.
/// </summary>
[MemoryDiagnoser]
public class PublishBenchmarks
{
    private TerritoryStore _store = null!;
    private string _dataset = "";
    private Dictionary<string, string>[] _plans = [];
    private int _round;
    private string _folder = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"territories-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _store = await TerritoryStore.OpenAsync(Database.Sqlite(Path.Combine(_folder, "bench.db")), TimeProvider.System);
        var book = SyntheticBook.Generate(new SyntheticBookSettings(20_000, 200, 2027));
        _dataset = (await _store.Datasets.CreateAsync(api::Territories.Api.Hosting.DatasetContents.Of(book))).Id;
        var current = book.Accounts.ToDictionary(a => a.Id.Value, a => a.CurrentRepId!.Value.Value);
        var moved = new Dictionary<string, string>(current);
        foreach (var account in book.Accounts.Where((_, i) => i % 10 == 0))
            moved[account.Id.Value] = book.Reps[(book.Reps.ToList().FindIndex(r => r.Id == account.CurrentRepId) + 1) % book.Reps.Count].Id.Value;
        _plans = [moved, current];
    }

    [Benchmark]
    public async Task<int> Publish2000Of20000Accounts()
    {
        var plan = _plans[_round % 2];
        var (_, publication) = await _store.PlansInForce.PublishAsync(_dataset, new DateOnly(2027, 1, 1).AddDays(_round++), plan, "bench", null, null, null);
        return publication!.Moved;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The relieved quota plan of 200 reps x 53 weeks (400 moves over the year) against the plain decomposition it starts from.</summary>
[MemoryDiagnoser]
public class ReliefBenchmarks
{
    private QuotaRequest _request = null!;
    private IReadOnlyList<QuotaMove> _moves = [];
    private OwnerTimeline _owners = null!;
    private Dictionary<string, AccountValue> _values = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2027);
        var yearStart = new DateOnly(2026, 1, 1);
        var reps = Enumerable.Range(0, 200).Select(i => new QuotaRep(new RepId($"r{i}"), Math.Round((decimal)(200_000 + random.NextDouble() * 2_000_000), 2),
            Math.Round((decimal)(150_000 + random.NextDouble() * 1_500_000), 2), null, null)).ToList();
        _request = new QuotaRequest(150_000_000m, "USD", yearStart, CalendarKind.FiveFourFour, DayOfWeek.Monday, WorkingTime.MondayToFriday,
            new Seasonality([7, 7, 9, 8, 8, 9, 7, 7, 9, 9, 9, 11]), reps, new QuotaMethod(0.6, 0.4, 0.0, 0.3, 0.05), [], 100m, []);
        _moves = Enumerable.Range(0, 400).Select(i => new QuotaMove($"a{i}", new RepId($"r{random.Next(200)}"), new RepId($"r{random.Next(200)}"),
            yearStart.AddDays(random.Next(0, 364)), random.NextDouble() * 0.1)).Where(m => m.FromRepId != m.ToRepId).ToList();
        // The service's path: 20,000 accounts over the 200 reps, four publications of 500 owner changes each.
        var initial = Enumerable.Range(0, 20_000).Select(i => ($"a{i}", (string?)$"r{i % 200}")).ToList();
        _values = initial.ToDictionary(a => a.Item1, _ => new AccountValue(random.Next(1_000, 200_000), random.Next(0, 150_000)));
        var changes = new List<OwnerChangeOn>();
        for (var seq = 1; seq <= 4; seq++)
        {
            var day = yearStart.AddDays(seq * 70);
            var before = new OwnerTimeline(initial, changes);
            foreach (var i in Enumerable.Range(0, 500).Select(_ => random.Next(20_000)).Distinct())
            {
                var from = before.OwnerOn($"a{i}", day);
                var to = $"r{random.Next(200)}";
                if (to != from) changes.Add(new OwnerChangeOn($"a{i}", day, to, from, seq));
            }
        }
        _owners = new OwnerTimeline(initial, changes);
    }

    [Benchmark(Baseline = true)]
    public QuotaPlan Decompose200RepsBy53Weeks() => QuotaPlanner.Plan(_request);

    [Benchmark]
    public QuotaPlan DecomposeAndRelieve400Moves() => QuotaReliever.Apply(QuotaPlanner.Plan(_request), _moves).Plan;

    /// <summary>What <c>GET …/quota-plan</c> computes after four publications of 500 changes on a 20,000-account dataset (without reading the store).</summary>
    [Benchmark]
    public QuotaPlan DecomposeAndRelieveFourPublicationsOf20000Accounts()
    {
        var plan = QuotaPlanner.Plan(_request);
        var moves = PublishedMoves.Of(_owners, 0, _values, _request.Method, plan.Reps.Select(r => r.RepId.Value).ToHashSet());
        return QuotaReliever.Apply(plan, moves).Plan;
    }
}
