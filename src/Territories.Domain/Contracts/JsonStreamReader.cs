using System.Text;
using System.Text.Json;

namespace Territories.Domain.Contracts;

/// <summary>
/// Reads one JSON document from a stream a value at a time, holding only a buffer around the value being read (it
/// grows only for a single value larger than itself), so that a document's long array can be read an element at a
/// time. The bytes are checked to be UTF-8 as they arrive; malformed JSON throws <see cref="JsonException"/> with its
/// line and position in the whole document.
/// </summary>
internal sealed class JsonStreamReader
{
    private const int StartBytes = 1 << 16;
    private readonly Stream _stream;
    private readonly Decoder _utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private byte[] _buffer = new byte[StartBytes];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = ContractJson.DocumentOptions.MaxDepth });

    public JsonStreamReader(Stream stream) => _stream = stream;

    private delegate bool Step<T>(ref Utf8JsonReader reader, bool final, out T result);

    /// <summary>The next token (None at the end of the document) and, for a property name, the name.</summary>
    public (JsonTokenType Token, string? Name) ReadToken() => Run((ref Utf8JsonReader reader, bool final, out (JsonTokenType, string?) token) =>
    {
        token = default;
        if (!reader.Read()) return final;
        token = (reader.TokenType, reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null);
        return true;
    });

    /// <summary>The next value, whole (an array element, or a property's value); null where its array or object ends instead.</summary>
    public JsonDocument? ReadValue() => Run((ref Utf8JsonReader reader, bool _, out JsonDocument? value) =>
    {
        value = null;
        if (!reader.Read()) return false;
        return reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject || JsonDocument.TryParseValue(ref reader, out value);
    });

    /// <summary>
    /// The next value unless it is an object or array that starts with <paramref name="container"/>: then null, and the
    /// reader is inside it, ready for <see cref="ReadToken"/>, <see cref="ReadValue"/> or <see cref="SkipValue"/> on its contents.
    /// </summary>
    public JsonDocument? ReadValueUnless(JsonTokenType container) => Run((ref Utf8JsonReader reader, bool _, out JsonDocument? value) =>
    {
        value = null;
        if (!reader.Read()) return false;
        return reader.TokenType == container || JsonDocument.TryParseValue(ref reader, out value);
    });

    /// <summary>Skips the next value; false where its array or object ends instead.</summary>
    public bool SkipValue() => Run((ref Utf8JsonReader reader, bool _, out bool skipped) =>
    {
        skipped = false;
        if (!reader.Read()) return false;
        if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject) return true;
        skipped = true;
        return reader.TrySkip();
    });

    /// <summary>Runs <paramref name="step"/> on the buffered bytes; when they hold too little, reads more and runs it again from the same place.</summary>
    private T Run<T>(Step<T> step)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (step(ref reader, _final, out var result))
            {
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                return result;
            }
            if (_final) throw new JsonException("The JSON ends in the middle of a value.");
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        try
        {
            _utf8.GetCharCount(_buffer.AsSpan(_end, read), flush: read == 0);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException([ContractJson.NotUtf8]);
        }
        _end += read;
        _final = read == 0;
    }
}
