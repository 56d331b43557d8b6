using System.Text.Json;

namespace Territories.Domain.Contracts;

/// <summary>Parses contract documents, turning malformed JSON into an <see cref="InputError"/> with line and position.</summary>
public static class ContractJson
{
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The error for a body that is not UTF-8 text.</summary>
    public static readonly InputError NotUtf8 = new("$", "is not valid UTF-8 text; send JSON encoded as UTF-8");

    /// <summary>The error for malformed JSON, with its line and position.</summary>
    public static InputError Malformed(JsonException e) =>
        new("$", $"malformed JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}");

    /// <summary>Parses <paramref name="json"/> and hands its root to <paramref name="read"/>; throws <see cref="InvalidInputException"/> with every error found.</summary>
    public static T Read<T>(string json, Func<JsonElement, List<InputError>, T?> read) where T : class =>
        Read(() => JsonDocument.Parse(json, DocumentOptions), read);

    /// <summary>As <see cref="Read{T}(string, Func{JsonElement, List{InputError}, T})"/>, from UTF-8 bytes (a request body as it came, without making it a string).</summary>
    public static T Read<T>(ReadOnlyMemory<byte> utf8Json, Func<JsonElement, List<InputError>, T?> read) where T : class
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
            throw new InvalidInputException([NotUtf8]);
        return Read(() =>
        {
            // ParseValue builds the document on ordinary arrays, not on the shared array pool, which would keep a large
            // body's buffers (tens of MB) after the request; trailing content after the value is malformed JSON.
            var reader = new Utf8JsonReader(utf8Json.Span, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
            var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read()) throw new JsonException($"'{(char)utf8Json.Span[(int)reader.TokenStartIndex]}' is invalid after a single JSON value.", null, 0, reader.TokenStartIndex);
            return document;
        }, read);
    }

    private static T Read<T>(Func<JsonDocument> parse, Func<JsonElement, List<InputError>, T?> read) where T : class
    {
        List<InputError> errors = [];
        T? value = null;
        try
        {
            using var document = parse();
            value = read(document.RootElement, errors);
        }
        catch (JsonException e)
        {
            errors.Add(Malformed(e));
        }
        if (errors.Count > 0 || value is null) throw new InvalidInputException(errors.Count > 0 ? errors : [new InputError("$", "is empty")]);
        return value;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
