using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Territories.Api.Hosting;

/// <summary>
/// Recognises Kestrel's refusal of a request it could not parse (a whole HTTP/1.1 response head with a 4xx status,
/// <c>Content-Length: 0</c> and <c>Connection: close</c>, nothing after it) and rewrites it with a problem-details body
/// that says what kind of request line or header Kestrel refuses with that status.
/// </summary>
public static class RejectionResponse
{
    private static ReadOnlySpan<byte> ClientErrorStart => "HTTP/1.1 4"u8;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>Whether bytes that start a response could still be the start of a refusal (they begin a 4xx status line, as far as they go).</summary>
    public static bool MayStart(ReadOnlySpan<byte> written)
    {
        var length = Math.Min(written.Length, ClientErrorStart.Length);
        return written[..length].SequenceEqual(ClientErrorStart[..length]);
    }

    /// <summary>The refusal with a problem-details body, or null when <paramref name="response"/> is anything else.</summary>
    public static byte[]? WithBody(ReadOnlySpan<byte> response)
    {
        if (!MayStart(response) || response.Length < ClientErrorStart.Length || response.IndexOf(HeadEnd) != response.Length - HeadEnd.Length) return null;
        var lines = Encoding.Latin1.GetString(response[..^HeadEnd.Length]).Split("\r\n");
        if (!int.TryParse(lines[0].AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)) return null;
        var headers = lines.Skip(1).ToList();
        bool Has(string line) => headers.Any(h => h.Equals(line, StringComparison.OrdinalIgnoreCase));
        if (!Has("Content-Length: 0") || !Has("Connection: close") || headers.Any(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))) return null;

        var (title, detail) = Explain(status);
        var body = JsonSerializer.SerializeToUtf8Bytes(new { type = TypeOf(status), title, status, detail });
        var head = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var header in headers.Where(h => !h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))) head.Append(header).Append("\r\n");
        head.Append("Content-Type: application/problem+json\r\n").Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body];
    }

    private static (string Title, string Detail) Explain(int status) => status switch
    {
        414 => ("The URL is too long", "The request line is longer than this server reads; ids and queries are far shorter."),
        431 => ("The request headers are too large", "The request has more headers, or longer ones, than this server reads."),
        408 => ("The request came too slowly", "The request's headers or body did not arrive in time."),
        400 => ("The request is malformed",
            "The server could not read the request line or headers: for example a NUL character in the path, a control character in a header, " +
            "a missing Host header, or a Content-Length that is not a number."),
        _ => (Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), "The server refused the request before reading it."),
    };

    private static string TypeOf(int status) => status switch
    {
        431 => "https://tools.ietf.org/html/rfc6585#section-5",
        408 => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        414 => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        _ => "about:blank",
    };
}
