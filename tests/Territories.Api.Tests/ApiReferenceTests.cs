using System.Net;
using System.Text.Json;

namespace Territories.Api.Tests;

/// <summary>The API reference: a titled OpenAPI document whose every operation is summarised, tagged for what users do, and says how it fails.</summary>
public sealed class ApiReferenceTests(EmbeddedStoreHost service) : IClassFixture<EmbeddedStoreHost>
{
    private readonly HttpClient _client = service.Host.CreateClient();

    private static readonly string[] Tags = ["Datasets", "Scenarios", "Runs", "Plans", "Quotas", "Hiring", "Health", "Users", "Keys", "Session", "Audit", "Visits"];

    private async Task<JsonElement> Document() =>
        JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(o => (path.Name, o.Name, o.Value)));

    [Fact]
    public async Task Document_HasATitleADescriptionWithTheWalkThroughAndTheUsersTags()
    {
        var document = await Document();

        var info = document.GetProperty("info");
        Assert.Equal("Territories API", info.GetProperty("title").GetString());
        Assert.Contains("POST /api/v1/scenarios/{id}/runs", info.GetProperty("description").GetString());
        Assert.Equal(Tags.Order(), document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Order());
    }

    [Fact]
    public async Task EveryOperation_HasASummaryADescriptionAUserTagAndItsDocumentedErrors()
    {
        var operations = Operations(await Document()).ToList();

        Assert.True(operations.Count >= 30, $"{operations.Count} operations");
        Assert.All(operations, o =>
        {
            var name = $"{o.Method.ToUpperInvariant()} {o.Path}";
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.TryGetProperty("summary", out var s) ? s.GetString() : null), $"{name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.TryGetProperty("description", out var d) ? d.GetString() : null), $"{name} has no description");
            Assert.Contains(o.Operation.GetProperty("tags")[0].GetString(), Tags);
            var responses = o.Operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            var errors = responses.Keys.Where(code => code[0] is '4' or '5').ToList();
            Assert.True(errors.Count > 0, $"{name} documents no error response");
            // A path with an id can name a missing object; a body can be invalid: both must be documented, as problem details.
            if (o.Path.Contains('{')) Assert.True(responses.ContainsKey("404"), $"{name} takes an id but documents no 404");
            if (o.Operation.TryGetProperty("requestBody", out _)) Assert.True(responses.ContainsKey("400"), $"{name} takes a body but documents no 400");
            Assert.All(errors.Where(code => code != "503"), code =>
                Assert.True(responses[code].TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _),
                    $"{name} {code} is not documented as problem details"));
        });
    }

    [Theory]
    [InlineData("/api/v1/plans/solve", "reps")]
    [InlineData("/api/v1/quotas/decompose", "goal")]
    [InlineData("/api/v1/hiring/plan", "demand")]
    public async Task StatelessOperations_ShowARequestAndAResponseExampleFromDataExamples(string path, string requestField)
    {
        var operation = (await Document()).GetProperty("paths").GetProperty(path).GetProperty("post");

        var request = operation.GetProperty("requestBody").GetProperty("content").EnumerateObject().First().Value.GetProperty("example");
        Assert.True(request.TryGetProperty(requestField, out _));
        var response = operation.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().First().Value.GetProperty("example");
        Assert.Equal(JsonValueKind.Object, response.ValueKind);
        Assert.True(response.EnumerateObject().Any());
    }

    [Fact]
    public async Task ReferencePage_IsTitledAndHidesTheButtonsThatDoNotConcernThisService()
    {
        using var docs = await _client.GetAsync("/docs", TestContext.Current.CancellationToken);
        var html = await docs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("<title>Territories API reference</title>", html);
        var config = html.Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("\"hideClientButton\":true", config);
        Assert.Contains("\"showDeveloperTools\":\"never\"", config);
        Assert.Contains("\"agent\":{\"disabled\":true}", config);
    }
}
