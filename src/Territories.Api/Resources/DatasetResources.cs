using System.Text.Json;
using System.Text.Json.Serialization;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Storage;

namespace Territories.Api.Resources;

/// <summary>A dataset as listed: its counts and version, without its reps and accounts.</summary>
/// <param name="Version">Grows by one on every replace; send it back as <c>If-Match</c> to replace safely.</param>
public sealed record DatasetSummary(string Id, string Name, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Reps, int Accounts, int Units)
{
    public static DatasetSummary Of(DatasetRecord d) => new(d.Id, d.Name, d.Version, d.CreatedAt, d.UpdatedAt, d.RepCount, d.AccountCount, d.UnitCount);
}

/// <summary>A dataset: its summary, its reps, and how its accounts split by segment and tier (read the accounts page by page).</summary>
public sealed record DatasetDetail(DatasetSummary Summary, IReadOnlyList<Rep> Reps, IReadOnlyDictionary<string, int> AccountsBySegment,
    IReadOnlyDictionary<string, int> AccountsByTier, double TotalWorkload, decimal TotalPotential, decimal TotalRevenue)
{
    public static DatasetDetail Of(DatasetSummary summary, DatasetFigures figures) =>
        new(summary, figures.Reps, figures.AccountsBySegment, figures.AccountsByTier, figures.TotalWorkload, figures.TotalPotential, figures.TotalRevenue);
}

/// <summary>
/// What a dataset's detail shows besides its counts, made from the problem when the dataset is written and stored with
/// it as JSON (the dataset's overview), so that reading the detail never parses the whole document.
/// </summary>
public sealed record DatasetFigures(IReadOnlyList<Rep> Reps, IReadOnlyDictionary<string, int> AccountsBySegment,
    IReadOnlyDictionary<string, int> AccountsByTier, double TotalWorkload, decimal TotalPotential, decimal TotalRevenue)
{
    public static DatasetFigures Of(TerritoryProblem problem)
    {
        var tally = new Tally();
        foreach (var account in problem.Accounts) tally.Add(account);
        return tally.Of(problem.Reps);
    }

    /// <summary>Adds the accounts up one at a time, for a dataset whose accounts are written as they are read.</summary>
    public sealed class Tally
    {
        private readonly Dictionary<string, int> _bySegment = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byTier = new(StringComparer.Ordinal);
        private double _workload;
        private decimal _potential;
        private decimal _revenue;

        public void Add(Account account)
        {
            Count(_bySegment, account.Segment);
            Count(_byTier, account.Tier);
            _workload += account.Workload ?? 0;
            _potential += account.Potential;
            _revenue += account.Revenue;
        }

        public DatasetFigures Of(IReadOnlyList<Rep> reps) => new(reps, Sorted(_bySegment), Sorted(_byTier), _workload, _potential, _revenue);

        private static void Count(Dictionary<string, int> counts, string? key) =>
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key ?? "(none)", out _)++;

        private static IReadOnlyDictionary<string, int> Sorted(Dictionary<string, int> counts) =>
            counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value);
    }

    /// <summary>The contract's options, plus reading a rep's skills back into a set.</summary>
    private static readonly JsonSerializerOptions Json = new(ContractSerializer.CompactOptions) { Converters = { new SetConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DatasetFigures FromJson(string json) => JsonSerializer.Deserialize<DatasetFigures>(json, Json)!;

    private sealed class SetConverter : JsonConverter<IReadOnlySet<string>>
    {
        public override IReadOnlySet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<HashSet<string>>(ref reader, options)!;

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.AsEnumerable(), options);
    }
}

/// <summary>One page of a dataset's accounts, after the filters.</summary>
/// <param name="Total">How many accounts pass the filters, over all pages.</param>
public sealed record AccountPage(int Total, int Offset, int Limit, IReadOnlyList<Account> Items);
