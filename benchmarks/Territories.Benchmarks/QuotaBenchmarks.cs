using BenchmarkDotNet.Attributes;
using Territories.Domain.Model;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;

namespace Territories.Benchmarks;

/// <summary>Quota decomposition of 2,000 reps over a 53-week 5-4-4 year (2026 starts Monday 2025-12-29).</summary>
[MemoryDiagnoser]
public class QuotaBenchmarks
{
    private QuotaRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        var yearStart = new DateOnly(2026, 1, 1);
        var reps = Enumerable.Range(0, 2000).Select(i => new QuotaRep(new RepId($"r{i}"),
            Math.Round((decimal)(200_000 + random.NextDouble() * 2_000_000), 2),
            random.NextDouble() < 0.85 ? Math.Round((decimal)(150_000 + random.NextDouble() * 1_500_000), 2) : null,
            random.NextDouble() < 0.1 ? yearStart.AddDays(random.Next(0, 300)) : null,
            random.NextDouble() < 0.05 ? yearStart.AddDays(random.Next(100, 364)) : null)).ToList();
        _request = new QuotaRequest(1_500_000_000m, "USD", yearStart, CalendarKind.FiveFourFour, DayOfWeek.Monday,
            WorkingTime.MondayToFriday, new Seasonality([7, 7, 9, 8, 8, 9, 7, 7, 9, 9, 9, 11]), reps,
            new QuotaMethod(0.6, 0.4, 0.0, 0.3, 0.05), [0.25, 0.5, 0.75], 100m, []);
    }

    [Benchmark]
    public QuotaPlan Decompose2000RepsBy53Weeks() => QuotaPlanner.Plan(_request);
}
