using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Territories.Tests.Shared;
using System.Text.Json.Nodes;
using Territories.Domain.Contracts;

namespace Territories.Api.Tests;

/// <summary>
/// What a careless or hostile client can send, on each store: every answer is a 4xx with problem details (never a
/// 500, never a stack trace) and nothing stored is lost; a full solver answers 503 at once; CSV cells a spreadsheet
/// would run are neutralised and still upload back exactly.
/// </summary>
public abstract partial class ServiceTests
{
    [Fact]
    public async Task HostileInput_IsAlways4xxProblemDetails_AndStoredDataIsKept()
    {
        var (_, client) = await StartAsync(("Territories:MaxSmallRequestBytes", "100000"));
        var dataset = await CreateDataset(client, Books.Small());
        var scenario = await CreateScenario(client, Books.Scenario(dataset, "kept"));
        const string b = "b0undary";
        var part = $"--{b}\r\nContent-Disposition: form-data; name=\"reps\"; filename=\"reps.csv\"\r\nContent-Type: text/csv\r\n\r\nid,capacity\r\nr1,100\r\n";
        var garbage = new byte[4096];
        new Random(16).NextBytes(garbage);

        var replies = new Dictionary<string, Reply>
        {
            ["multipart without a boundary"] = await Raw(client, HttpMethod.Post, "/api/v1/datasets/csv", "multipart/form-data", "whatever"u8.ToArray()),
            ["over-long boundary"] = await Raw(client, HttpMethod.Post, "/api/v1/datasets/csv", $"multipart/form-data; boundary={new string('b', 500)}",
                Encoding.UTF8.GetBytes($"--{new string('b', 500)}\r\n")),
            ["truncated multipart"] = await Raw(client, HttpMethod.Post, "/api/v1/datasets/csv", $"multipart/form-data; boundary={b}", Encoding.UTF8.GetBytes(part[..60])),
            ["more than 1,024 fields"] = await Raw(client, HttpMethod.Post, "/api/v1/datasets/csv", $"multipart/form-data; boundary={b}", Encoding.UTF8.GetBytes(
                string.Concat(Enumerable.Range(0, 1100).Select(i => $"--{b}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv\r\n")) + $"--{b}--\r\n")),
            ["garbage multipart"] = await Raw(client, HttpMethod.Post, "/api/v1/datasets/csv", $"multipart/form-data; boundary={b}", garbage),
            ["accounts file with only its header"] = await UploadCsv(client, "id,capacity\nr1,100\n", "id,workload\n"),
            ["control character in the path"] = await client.Get("/api/v1/datasets/a%01b"),
            ["12 KB id"] = await client.Get($"/api/v1/datasets/{new string('a', 12_000)}"),
            ["scenario body over its limit"] = await client.Post("/api/v1/scenarios", $$"""{ "name": "{{new string('x', 200_000)}}" }"""),
            ["malformed JSON"] = await client.Post("/api/v1/datasets", "{ \"reps\": [ "),
            ["JSON nested 10,000 deep"] = await client.Post("/api/v1/plans/solve", new string('[', 10_000)),
            ["invalid UTF-8"] = await Raw(client, HttpMethod.Post, "/api/v1/datasets", "application/json", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]),
            ["a JSON array for an object"] = await client.Post("/api/v1/scenarios", "[1, 2, 3]"),
            ["If-Match that is no version"] = await client.Delete($"/api/v1/scenarios/{scenario}", ifMatch: "\"garbage\""),
            ["dataset delete with a stale If-Match"] = await client.Delete($"/api/v1/datasets/{await CreateDataset(client, Books.Small("other"))}", ifMatch: "\"7\""),
            ["over-long Idempotency-Key"] = await client.Post($"/api/v1/scenarios/{scenario}/runs", idempotencyKey: new string('k', 5_000)),
            ["page size not a number"] = await client.Get($"/api/v1/datasets/{dataset}/accounts?limit=lots"),
            ["page size over the maximum"] = await client.Get($"/api/v1/datasets/{dataset}/accounts?limit=100000"),
            ["unknown route"] = await client.Get("/api/v1/nothing-here"),
            ["wrong method"] = await client.Send(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/datasets/{dataset}")),
        };

        foreach (var (name, reply) in replies)
        {
            Assert.True((int)reply.Status is >= 400 and < 500, $"{name}: {(int)reply.Status} {reply.Text}");
            Assert.True(reply.ContentType == "application/problem+json", $"{name}: {reply.ContentType} {reply.Text}");
            Assert.Equal((int)reply.Status, reply.Body.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(reply.Body.GetProperty("title").GetString()), name);
            Assert.DoesNotContain("   at ", reply.Text);
        }
        Assert.Equal(HttpStatusCode.RequestUriTooLong, replies["12 KB id"].Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, replies["scenario body over its limit"].Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, replies["If-Match that is no version"].Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, replies["dataset delete with a stale If-Match"].Status);
        Assert.Equal(["accounts.csv"], replies["accounts file with only its header"].ErrorPaths);
        Assert.Contains("Idempotency-Key", replies["over-long Idempotency-Key"].ErrorPaths);
        Assert.All(new[] { "multipart without a boundary", "over-long boundary", "truncated multipart", "more than 1,024 fields", "garbage multipart" },
            name => Assert.Equal(HttpStatusCode.BadRequest, replies[name].Status));
        var kept = await client.Get($"/api/v1/datasets/{dataset}");
        Assert.Equal((1, 120), (kept.Body.GetProperty("summary").GetProperty("version").GetInt32(), kept.Body.GetProperty("summary").GetProperty("accounts").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await client.Get($"/api/v1/scenarios/{scenario}")).Status);
    }

    [Fact]
    public async Task RequestsKestrelRefusesBeforeTheApplication_AnswerProblemDetailsOverARealSocket()
    {
        var host = await StartHostAsync();
        host.UseKestrel(0);
        host.StartServer();
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var client = new ServiceClient(host.CreateClient());
        var dataset = await CreateDataset(client, Books.Small());
        var auth = $"Authorization: Bearer {ServiceHost.AdminKey}\r\n";

        var refused = new Dictionary<string, (int Status, string Body, string Raw)>
        {
            ["NUL in the path"] = await Raw(address, $"GET /api/v1/datasets/{dataset}%00 HTTP/1.1\r\nHost: x\r\n{auth}\r\n"),
            ["70 KB URL"] = await Raw(address, $"GET /api/v1/datasets/{new string('a', 70_000)} HTTP/1.1\r\nHost: x\r\n{auth}\r\n"),
            ["40 KB header"] = await Raw(address, $"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: {new string('h', 40_000)}\r\n\r\n"),
            ["200 headers"] = await Raw(address,
                $"GET /health HTTP/1.1\r\nHost: x\r\n{string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: v\r\n"))}\r\n"),
            ["Content-Length not a number"] = await Raw(address, $"POST /api/v1/datasets HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n{auth}\r\n{{}}"),
            ["no Host header"] = await Raw(address, "GET /health HTTP/1.1\r\n\r\n"),
        };
        var pipelined = await Raw(address,
            $"GET /api/v1/datasets/{dataset} HTTP/1.1\r\nHost: x\r\n{auth}\r\nGET /api/v1/nothing-here HTTP/1.1\r\nHost: x\r\n{auth}\r\nGET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        foreach (var (name, (status, body, _)) in refused)
        {
            Assert.True(status is >= 400 and < 500, $"{name}: {status}");
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), name);
        }
        Assert.Equal([400, 414, 431, 431, 400, 400], refused.Values.Select(r => r.Status));
        Assert.Contains("NUL", JsonDocument.Parse(refused["NUL in the path"].Body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(pipelined.Raw, "^HTTP/1.1 ", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.Contains("\"accounts\":120", pipelined.Raw, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 404 Not Found", pipelined.Raw, StringComparison.Ordinal);
        Assert.Contains("\"storeStatus\":\"up\"", pipelined.Raw, StringComparison.Ordinal);
        Assert.Equal(120, (await client.Get($"/api/v1/datasets/{dataset}")).Body.GetProperty("summary").GetProperty("accounts").GetInt32());
    }

    [Fact]
    public async Task CsvExport_NeutralisesFormulaCells_AndUploadsBackExactly()
    {
        var (_, client) = await StartAsync();
        var book = JsonNode.Parse(Books.Small())!;
        var hostile = new[] { "=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn", "'quoted", "'=both", "plain -1" };
        var accounts = book["accounts"]!.AsArray();
        for (var i = 0; i < hostile.Length; i++)
        {
            accounts[i]!["name"] = hostile[i];
            accounts[i]!["segment"] = i % 2 == 0 ? "-seg" : "seg";
        }
        var dataset = await CreateDataset(client, book.ToJsonString());

        var accountsCsv = (await client.Get($"/api/v1/datasets/{dataset}/accounts.csv")).Text;
        var reps = (await client.Get($"/api/v1/datasets/{dataset}/reps.csv")).Text;
        var uploaded = await UploadCsv(client, reps, accountsCsv, (await client.Get($"/api/v1/datasets/{dataset}/org.csv")).Text);

        var cells = accountsCsv.Split('\n').Skip(1).Take(hostile.Length).Select(line => line.Split(',')[1]).ToList();
        Assert.Equal("'=HYPERLINK(\"\"http://x\"\"", cells[0].TrimStart('"'));
        Assert.StartsWith("'+cmd|", cells[1]);
        Assert.Equal(["'-2+3", "'@SUM(A1)", "''quoted", "''=both", "plain -1"], [cells[2], cells[3], cells[6].Trim('"'), cells[7].Trim('"'), cells[8]]);
        Assert.Contains(",-", accountsCsv[accountsCsv.IndexOf('\n')..], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, uploaded.Status);
        var original = TerritoryProblemReader.Read((await client.Get($"/api/v1/datasets/{dataset}/export")).Text);
        var roundTrip = TerritoryProblemReader.Read((await client.Get($"/api/v1/datasets/{uploaded.Id}/export")).Text);
        Assert.Equal(original.Accounts.Select(a => (a.Name, a.Segment, a.Location)), roundTrip.Accounts.Select(a => (a.Name, a.Segment, a.Location)));
        Assert.Equal(original.Accounts, roundTrip.Accounts, AccountComparer.Instance);
    }

    [Fact]
    public async Task SyncSolve_WhenEveryWorkerIsBusy_Is503WithRetryAfterAtOnce_AndQueuedRunsWaitForAWorker()
    {
        var (_, client) = await StartAsync(("Territories:SolverWorkers", "1"));
        var scenario = await CreateScenario(client, Books.Scenario(await CreateDataset(client, Books.Small()), "waits"));
        var long_ = JsonNode.Parse(Books.Unproven())!;
        long_["options"]!["timeLimitSeconds"] = 120;
        long_["options"]!["workers"] = 1;
        using var abort = new CancellationTokenSource();
        var holding = client.Http.PostAsync("/api/v1/plans/solve", new StringContent(long_.ToJsonString(), Encoding.UTF8, "application/json"), abort.Token);

        var busy = await PollAsync(async () =>
        {
            var reply = await client.Http.PostAsync("/api/v1/plans/solve", new StringContent("{}", Encoding.UTF8, "application/json"));
            return reply.StatusCode == HttpStatusCode.ServiceUnavailable ? reply : null;
        });
        var run = await Submit(client, scenario);
        var queued = await client.Get($"/api/v1/runs/{run}");

        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.True(busy.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.ToString());
        Assert.Contains("busy", JsonNode.Parse(await busy.Content.ReadAsStringAsync())!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("queued", queued.Body.GetProperty("state").GetString());
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holding);
        await client.WaitForState(run, "completed");
        var free = await PollAsync(async () => await client.Post("/api/v1/plans/solve", "{}") is { Status: HttpStatusCode.BadRequest } r ? r : null);
        Assert.Contains("reps", free.ErrorPaths);
    }

    [Fact]
    public async Task Bodies_AboveTheSpoolThreshold_AreReadFromDiskTheSame()
    {
        var (_, client) = await StartAsync(("Territories:SpoolAboveBytes", "4096"));
        var dataset = await CreateDataset(client, Books.Small());

        var export = TerritoryProblemReader.Read((await client.Get($"/api/v1/datasets/{dataset}/export")).Text);

        Assert.Equal(TerritoryProblemReader.Read(Books.Small()).Accounts, export.Accounts, AccountComparer.Instance);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> attempt) where T : class
    {
        var deadline = DateTime.UtcNow + ServiceClient.Deadline;
        while (true)
        {
            if (await attempt() is { } done) return done;
            if (DateTime.UtcNow > deadline) Assert.Fail($"not reached within {ServiceClient.Deadline}");
            await Task.Delay(50);
        }
    }

    private static Task<(int Status, string Body, string Raw)> Raw(Uri address, string request) => RawSocket.SendAsync(address, request, ServiceClient.Deadline);

    private static Task<Reply> Raw(ServiceClient client, HttpMethod method, string path, string contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return client.Send(new HttpRequestMessage(method, path) { Content = content });
    }
}
