using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Territories.Load;

/// <summary>The few calls the load test makes to set things up, over one HTTP client that sends the API key when given.</summary>
public sealed class ServiceApi(HttpClient http, Uri url)
{
    public HttpClient Http => http;

    public static HttpClient CreateClient(string? key)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public Uri At(string path) => new(url, path);

    public Task<HttpResponseMessage> Get(string path) => http.GetAsync(At(path));

    public Task<HttpResponseMessage> Post(string path, string json) => http.PostAsync(At(path), JsonContent(json));

    public Task<HttpResponseMessage> Post(string path, byte[] json) =>
        http.PostAsync(At(path), new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });

    public Task<HttpResponseMessage> Delete(string path) => http.DeleteAsync(At(path));

    /// <summary>Posts and answers the created resource's id; anything but 2xx is a failure of the set-up.</summary>
    public async Task<string> Create(string path, string json)
    {
        using var response = await Post(path, json);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text[..Math.Min(500, text.Length)]}");
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    public async Task<JsonNode> JsonOf(string path)
    {
        using var response = await Get(path);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Polls until every run is final; answers them.</summary>
    public async Task<JsonArray> WaitForRunsAsync(IReadOnlyCollection<string> runIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = (await JsonOf("/api/v1/runs")).AsArray();
            var mine = new JsonArray(runs.Where(r => runIds.Contains(r!["id"]!.GetValue<string>())).Select(r => r!.DeepClone()).ToArray());
            if (mine.All(r => r!["state"]!.GetValue<string>() is "completed" or "failed" or "cancelled")) return mine;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"runs still not final after {timeout}");
            await Task.Delay(500);
        }
    }

    public static bool IsProblem(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    public static bool Is500(HttpStatusCode status) => (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable;
}
