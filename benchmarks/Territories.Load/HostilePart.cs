using System.Text;
using Territories.Tests.Shared;

namespace Territories.Load;

/// <summary>
/// Hostile and careless requests written byte by byte on a raw connection (so nothing in a client library tidies them
/// up): each answer's status and whether it is problem details. None may be a 500.
/// </summary>
public static class HostilePart
{
    public static async Task RunAsync(ServiceApi api, TextWriter report)
    {
        var url = api.At("/");
        var dataset = await api.Create("/api/v1/datasets", LoadBooks.Book(120, 5, 1));
        const string b = "b0undary";
        string Multipart(string contentType, string body) =>
            $"POST /api/v1/datasets/csv HTTP/1.1\r\nHost: x\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.Latin1.GetByteCount(body)}\r\n{{auth}}\r\n{body}";
        string Json(string path, string body) =>
            $"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {Encoding.Latin1.GetByteCount(body)}\r\n{{auth}}\r\n{body}";
        var cases = new (string Name, string Request)[]
        {
            ("multipart without a boundary", Multipart("multipart/form-data", "garbage")),
            ("multipart with a 500-character boundary", Multipart($"multipart/form-data; boundary={new string('b', 500)}", $"--{new string('b', 500)}\r\n")),
            ("truncated multipart", Multipart($"multipart/form-data; boundary={b}", $"--{b}\r\nContent-Disposition: form-data; name=\"reps\"; filename=\"r.csv\"\r\n\r\nid,capa")),
            ("multipart with 1,100 fields", Multipart($"multipart/form-data; boundary={b}",
                string.Concat(Enumerable.Range(0, 1100).Select(i => $"--{b}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv\r\n")) + $"--{b}--\r\n")),
            ("multipart garbage", Multipart($"multipart/form-data; boundary={b}", new string('\u00ff', 3000))),
            ("accounts CSV with only its header", Multipart($"multipart/form-data; boundary={b}",
                $"--{b}\r\nContent-Disposition: form-data; name=\"reps\"; filename=\"reps.csv\"\r\n\r\nid,capacity\r\nr1,100\r\n" +
                $"--{b}\r\nContent-Disposition: form-data; name=\"accounts\"; filename=\"accounts.csv\"\r\n\r\nid,workload\r\n--{b}--\r\n")),
            ("NUL in the path", "GET /api/v1/datasets/a%00b HTTP/1.1\r\nHost: x\r\n{auth}\r\n"),
            ("control character in the path", "GET /api/v1/datasets/a%01b HTTP/1.1\r\nHost: x\r\n{auth}\r\n"),
            ("12 KB id", $"GET /api/v1/datasets/{new string('a', 12_000)} HTTP/1.1\r\nHost: x\r\n{{auth}}\r\n"),
            ("70 KB URL", $"GET /api/v1/datasets/{new string('a', 70_000)} HTTP/1.1\r\nHost: x\r\n{{auth}}\r\n"),
            ("40 KB header", $"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: {new string('h', 40_000)}\r\n{{auth}}\r\n"),
            ("200 headers", $"GET /health HTTP/1.1\r\nHost: x\r\n{string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: v\r\n"))}{{auth}}\r\n"),
            ("Content-Length not a number", "POST /api/v1/datasets HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n{auth}\r\n{}"),
            ("no Host header", "GET /health HTTP/1.1\r\n{auth}\r\n"),
            ("control character in a header", "GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n{auth}\r\n"),
            ("If-Match that is no version", $"DELETE /api/v1/datasets/{dataset} HTTP/1.1\r\nHost: x\r\nIf-Match: \"garbage\"\r\n{{auth}}\r\n"),
            ("malformed JSON", Json("/api/v1/datasets", "{ \"reps\": [")),
            ("JSON nested 10,000 deep", Json("/api/v1/plans/solve", new string('[', 10_000))),
            ("invalid UTF-8 in JSON", Json("/api/v1/datasets", "{\"\u00c3(\":1}")),
            ("dataset delete with a stale If-Match", $"DELETE /api/v1/datasets/{dataset} HTTP/1.1\r\nHost: x\r\nIf-Match: \"7\"\r\n{{auth}}\r\n"),
            ("scenario body of 2 MB", Json("/api/v1/scenarios", $"{{\"name\":\"{new string('x', 2_000_000)}\"}}")),
            ("page size not a number", $"GET /api/v1/datasets/{dataset}/accounts?limit=lots HTTP/1.1\r\nHost: x\r\n{{auth}}\r\n"),
            ("unknown route", "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n{auth}\r\n"),
        };
        // Every request asks to close the connection after its answer, so that reading until the close reads exactly one answer.
        var auth = (api.Http.DefaultRequestHeaders.Authorization is { } a ? $"Authorization: {a}\r\n" : "") + "Connection: close\r\n";
        report.WriteLine("### Hostile input (raw requests on loopback)\n");
        report.WriteLine("| request | status | problem details |\n|---|---|---|");
        var fiveHundreds = 0;
        foreach (var (name, request) in cases)
        {
            var (status, _, raw) = await RawSocket.SendAsync(url, request.Replace("{auth}", auth, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            var problem = raw[..Math.Max(0, raw.IndexOf("\r\n\r\n", StringComparison.Ordinal))].Contains("Content-Type: application/problem+json", StringComparison.OrdinalIgnoreCase);
            if (status >= 500) fiveHundreds++;
            report.WriteLine($"| {name} | {(status == 0 ? "connection closed" : status)} | {(problem ? "yes" : "no")} |");
        }
        report.WriteLine($"\n{fiveHundreds} answers of 500 or above in {cases.Length} hostile requests.\n");
        (await api.Delete($"/api/v1/datasets/{dataset}")).Dispose();
    }
}
