using System.Buffers;
using System.Text.Json;
using Territories.Domain.Model;

namespace Territories.Domain.Contracts;

/// <summary>
/// Reads a territory problem (contract section 1) from a seekable stream (a spooled request body) without holding its
/// accounts: <see cref="Open"/> reads and checks everything but the accounts, skipping them; <see cref="Accounts"/>
/// then reads the accounts a batch at a time, each checked as it is read. Errors carry the paths and messages of
/// <see cref="TerritoryProblemReader"/>, which reads the same fields with the same readers.
/// </summary>
public sealed class TerritoryProblemStream
{
    private const string AccountsField = "accounts";
    private readonly Stream _stream;
    private readonly List<InputError> _errors;

    private TerritoryProblemStream(Stream stream, ProblemFrame? frame, List<InputError> errors) => (_stream, Frame, _errors) = (stream, frame, errors);

    /// <summary>Everything but the accounts, checked; null while <see cref="Accounts"/> reads the accounts of an invalid document only to report their errors too.</summary>
    public ProblemFrame? Frame { get; }

    /// <summary>
    /// Reads everything but the accounts. Throws <see cref="InvalidInputException"/> for malformed JSON or text that is
    /// not UTF-8, and for any invalid field, after reading the accounts too so that every error is reported at once.
    /// </summary>
    public static TerritoryProblemStream Open(Stream stream)
    {
        var errors = new List<InputError>();
        ProblemFrame? frame = null;
        try
        {
            using var rest = AllButAccounts(stream, errors);
            if (JsonFields.Of(rest.RootElement, "", errors) is { } fields)
            {
                fields.Array(AccountsField, required: true);
                frame = TerritoryProblemReader.ReadFrame(fields, errors);
            }
        }
        catch (JsonException e)
        {
            throw new InvalidInputException([ContractJson.Malformed(e)]);
        }
        var problem = new TerritoryProblemStream(stream, frame, errors);
        if (errors.Count > 0) foreach (var _ in problem.Accounts(batchSize: 1024)) { }
        return problem;
    }

    /// <summary>
    /// The accounts in the document's order, a batch at a time, each with valid fields and references. Once an account
    /// is invalid no further batch comes; the rest are still read for their errors, and the enumeration ends by
    /// throwing <see cref="InvalidInputException"/> with every error.
    /// </summary>
    public IEnumerable<IReadOnlyList<Account>> Accounts(int batchSize)
    {
        _stream.Position = 0;
        var reader = new JsonStreamReader(_stream);
        reader.ReadToken();
        var batch = new List<Account>(batchSize);
        var index = 0;
        while (reader.ReadToken() is (JsonTokenType.PropertyName, var name))
        {
            if (name != AccountsField) reader.SkipValue();
            else if (reader.ReadValueUnless(JsonTokenType.StartArray) is { } notAnArray) notAnArray.Dispose();
            else
            {
                while (reader.ReadValue() is { } element)
                {
                    using (element)
                    {
                        if (TerritoryProblemReader.ReadAccount(index++, element.RootElement, Frame, _errors) is { } account && _errors.Count == 0) batch.Add(account);
                    }
                    if (batch.Count < batchSize) continue;
                    yield return batch;
                    batch = new List<Account>(batchSize);
                }
            }
        }
        Frame?.Finish();
        if (_errors.Count > 0) throw new InvalidInputException(_errors);
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>
    /// The document with the accounts array left empty (its elements skipped, not kept; anything else than an array is
    /// kept as it is, for its error), as a small document that the ordinary reader checks.
    /// </summary>
    private static JsonDocument AllButAccounts(Stream stream, List<InputError> errors)
    {
        stream.Position = 0;
        var reader = new JsonStreamReader(stream);
        var rest = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(rest))
        {
            using (var root = reader.ReadValueUnless(JsonTokenType.StartObject))
            {
                if (root is not null) root.WriteTo(writer);
                else CopyAllButAccounts(reader, writer, errors);
            }
            if (reader.ReadToken().Token != JsonTokenType.None) throw new JsonException("More than one JSON value.");
        }
        return JsonDocument.Parse(rest.WrittenMemory, ContractJson.DocumentOptions);
    }

    private static void CopyAllButAccounts(JsonStreamReader reader, Utf8JsonWriter writer, List<InputError> errors)
    {
        writer.WriteStartObject();
        var accountsSeen = false;
        while (reader.ReadToken() is (JsonTokenType.PropertyName, var name))
        {
            writer.WritePropertyName(name!);
            if (name == AccountsField)
            {
                if (accountsSeen) errors.Add(new InputError(AccountsField, "is given more than once"));
                accountsSeen = true;
                using var notAnArray = reader.ReadValueUnless(JsonTokenType.StartArray);
                if (notAnArray is not null) notAnArray.WriteTo(writer);
                else
                {
                    while (reader.SkipValue()) { }
                    writer.WriteStartArray();
                    writer.WriteEndArray();
                }
                continue;
            }
            using var value = reader.ReadValue()!;
            value.WriteTo(writer);
        }
        writer.WriteEndObject();
    }
}
