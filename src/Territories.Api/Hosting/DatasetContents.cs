using System.Text.Json;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Organisation;
using Territories.Storage;

namespace Territories.Api.Hosting;

/// <summary>
/// A territory problem as a dataset's stored content, made while the store writes it: the accounts' rows (their
/// contract JSON) a batch at a time, the document (the export format, compact) written account by account into a
/// temporary file beside them, and the overview added up on the way. From a problem in memory (<see cref="Of"/>) or
/// read from a request body while it is stored (<see cref="Read"/>): a large dataset is then never whole in memory,
/// only its document's bytes at the end, to be stored.
/// </summary>
public sealed record DatasetContents : DatasetContent
{
    public const string UntitledName = "untitled dataset";
    private const int BatchSize = 1000;
    private const int SpoolChunkBytes = 81920;

    private readonly string? _name;
    private readonly IReadOnlyList<Rep> _reps;
    private readonly IReadOnlyList<Unit> _units;
    private readonly IReadOnlyList<OrgUnit> _orgUnits;
    private readonly SolveOptions _options;
    private readonly Func<IReadOnlyList<Account>, IReadOnlyList<Pair>> _pairs;
    private readonly bool _pairsNeedAccounts;
    private readonly IEnumerable<IReadOnlyList<Account>> _accounts;
    private DatasetDocument? _document;

    private DatasetContents(string? name, IReadOnlyList<Rep> reps, IReadOnlyList<Unit> units, IReadOnlyList<OrgUnit> orgUnits, SolveOptions options,
        Func<IReadOnlyList<Account>, IReadOnlyList<Pair>> pairs, bool pairsNeedAccounts, IEnumerable<IReadOnlyList<Account>> accounts) =>
        (_name, _reps, _units, _orgUnits, _options, _pairs, _pairsNeedAccounts, _accounts) = (name, reps, units, orgUnits, options, pairs, pairsNeedAccounts, accounts);

    public static DatasetContents Of(TerritoryProblem problem) =>
        new(problem.Name, problem.Reps, problem.Units, problem.Org.Units, problem.Options, _ => problem.Pairs, false, problem.Accounts.Chunk(BatchSize));

    /// <summary>
    /// The problem a body holds, its accounts read and checked as the store asks for them (their errors, thrown as
    /// <see cref="InvalidInputException"/>, abandon the write); with a visit policy the accounts are kept, as the pairs
    /// are made from all of them.
    /// </summary>
    public static DatasetContents Read(TerritoryProblemStream problem)
    {
        var frame = problem.Frame ?? throw new InvalidOperationException("An invalid problem has no content.");
        return new(frame.Name, frame.Reps, frame.Units, frame.OrgUnits, frame.Options, frame.PairsFor, frame.PairsNeedAccounts, problem.Accounts(BatchSize));
    }

    public override IEnumerable<IReadOnlyList<DatasetAccount>> AccountBatches()
    {
        using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"territories-document-{Guid.NewGuid():N}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, SpoolChunkBytes, FileOptions.DeleteOnClose);
        var tally = new DatasetFigures.Tally();
        var kept = _pairsNeedAccounts ? new List<Account>() : null;
        using (var writer = new Utf8JsonWriter(spool, TerritoryProblemWriter.WriterOptions(ContractSerializer.CompactOptions)))
        {
            var document = new TerritoryProblemWriter.Document(writer, ContractSerializer.CompactOptions);
            document.Start(_name, _reps);
            foreach (var batch in _accounts)
            {
                var rows = new List<DatasetAccount>(batch.Count);
                foreach (var account in batch)
                {
                    var json = TerritoryProblemWriter.WriteAccount(account);
                    document.Account(json);
                    tally.Add(account);
                    kept?.Add(account);
                    rows.Add(new DatasetAccount(account.CurrentRepId?.Value, account.Segment, account.Tier, json));
                }
                writer.Flush();
                yield return rows;
            }
            document.End(_units, _orgUnits, _pairs(kept ?? []), _options);
        }
        var bytes = new byte[spool.Length];
        spool.Position = 0;
        spool.ReadExactly(bytes);
        _document = new DatasetDocument(_name ?? UntitledName, _reps.Count, _units.Count, bytes, tally.Of(_reps).ToJson());
    }

    /// <summary>The document, handed over once: this content keeps no reference to its bytes (tens of MB for a large dataset).</summary>
    public override DatasetDocument Complete()
    {
        var document = _document ?? throw new InvalidOperationException("The accounts have not all been written yet, or the document was handed over.");
        _document = null;
        return document;
    }
}
