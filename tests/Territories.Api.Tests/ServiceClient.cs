using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Territories.Api.Tests;

/// <summary>Real HTTP calls against a <see cref="ServiceHost"/>, answering status, JSON body and headers.</summary>
public sealed class ServiceClient(HttpClient http)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(240);

    public HttpClient Http => http;

    public Task<Reply> Get(string path) => Send(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<Reply> Delete(string path, string? ifMatch = null) => Send(With(new HttpRequestMessage(HttpMethod.Delete, path), ifMatch));

    public Task<Reply> Post(string path, string? json = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = json is null ? null : Json(json) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Send(request);
    }

    public Task<Reply> Put(string path, string json, string? ifMatch = null) =>
        Send(With(new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(json) }, ifMatch));

    public Task<Reply> Send(HttpRequestMessage request) => SendAsync(request);

    /// <summary>Polls the run until <paramref name="done"/> holds or the deadline passes (then fails with the run's last state).</summary>
    public async Task<JsonElement> WaitForRun(string runId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var run = (await Get($"/api/v1/runs/{runId}")).Body;
            if (done(run)) return run;
            if (DateTime.UtcNow > deadline) Assert.Fail($"run {runId} did not get there in {Deadline}: {run}");
            await Task.Delay(100);
        }
    }

    public Task<JsonElement> WaitForState(string runId, string state) => WaitForRun(runId, r => r.GetProperty("state").GetString() == state);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage With(HttpRequestMessage request, string? ifMatch)
    {
        if (ifMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return request;
    }

    private async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new Reply(response.StatusCode, body, text, response.Headers.ETag?.Tag, response.Headers.Location?.ToString(),
            response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed record Reply(HttpStatusCode Status, JsonElement Body, string Text, string? ETag, string? Location, string? ContentType)
{
    public string Id => Body.GetProperty("id").GetString()!;

    /// <summary>The field paths of a validation problem's <c>errors</c>.</summary>
    public IReadOnlyList<string> ErrorPaths => Body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
