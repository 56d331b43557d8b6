using System.Net;
using System.Text;
using System.Text.Json;

namespace Territories.Api.Tests;

/// <summary>Real HTTP against the service in memory: the stateless endpoints, their error shapes and the OpenAPI document.</summary>
public sealed class StatelessEndpointsTests(EmbeddedStoreHost service) : IClassFixture<EmbeddedStoreHost>
{
    private readonly HttpClient _client = service.Host.CreateClient();

    private const string Problem = """
        { "reps": [ { "id": "west", "capacity": 100, "home": { "lat": 40, "lon": -80 } },
                    { "id": "east", "capacity": 100, "home": { "lat": 40, "lon": -70 } } ],
          "accounts": [ { "id": "a1", "workload": 10, "location": { "lat": 40.1, "lon": -79.9 }, "currentRepId": "east" },
                        { "id": "a2", "workload": 10, "location": { "lat": 40.1, "lon": -70.1 }, "currentRepId": "east" } ],
          "options": { "timeLimitSeconds": 60, "workers": 1 } }
        """;

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> Post(string path, string json)
    {
        using var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Solve_ValidProblem_AnswersThePlan()
    {
        var (status, plan, _) = await Post("/api/v1/plans/solve", Problem);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("optimal", plan.GetProperty("status").GetString());
        var assignments = plan.GetProperty("assignments").EnumerateArray()
            .ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("repId").GetString());
        Assert.Equal("west", assignments["a1"]);
        Assert.Equal(1, plan.GetProperty("kpis").GetProperty("movedAccounts").GetInt32());
    }

    [Fact]
    public async Task Solve_InvalidField_IsProblemDetailsWithTheFieldPath()
    {
        var (status, problem, contentType) = await Post("/api/v1/plans/solve", Problem.Replace("\"workload\": 10, \"location\": { \"lat\": 40.1, \"lon\": -79.9 }", "\"workload\": -1, \"location\": { \"lat\": 40.1, \"lon\": -79.9 }"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("must be at least 0", problem.GetProperty("errors").GetProperty("accounts[0].workload")[0].GetString());
        Assert.DoesNotContain("   at ", problem.GetRawText());
    }

    [Fact]
    public async Task Solve_MalformedJson_IsProblemDetails()
    {
        var (status, problem, _) = await Post("/api/v1/plans/solve", "{ \"reps\": [");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("malformed JSON", problem.GetProperty("errors").GetProperty("$")[0].GetString());
    }

    [Fact]
    public async Task Solve_Infeasible_Is200WithDiagnostics()
    {
        var (status, plan, _) = await Post("/api/v1/plans/solve", """
            { "reps": [ { "id": "r1", "capacity": 100, "skills": ["finance"] } ],
              "accounts": [ { "id": "a1", "workload": 5, "requiredSkills": ["healthcare"] } ] }
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("infeasible", plan.GetProperty("status").GetString());
        Assert.Equal("no-eligible-rep", plan.GetProperty("diagnostics")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Analyze_AssignmentOverCapacity_NamesTheBrokenRule()
    {
        var tight = Problem.Replace("\"capacity\": 100, \"home\": { \"lat\": 40, \"lon\": -80 }", "\"capacity\": 15, \"home\": { \"lat\": 40, \"lon\": -80 }");
        var body = $$"""
            { "problem": {{tight}}, "assignments": [ { "accountId": "a1", "repId": "west" }, { "accountId": "a2", "repId": "west" } ] }
            """;

        var (status, analysis, _) = await Post("/api/v1/plans/analyze", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(analysis.GetProperty("feasible").GetBoolean());
        Assert.Equal("capacity", analysis.GetProperty("violations")[0].GetProperty("rule").GetString());
        Assert.Equal(2, analysis.GetProperty("kpis").GetProperty("movedAccounts").GetInt32());
    }

    [Fact]
    public async Task Analyze_InvalidProblem_PrefixesThePath()
    {
        var (status, problem, _) = await Post("/api/v1/plans/analyze", """{ "problem": { "reps": [], "accounts": [] }, "assignments": [] }""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("problem.reps", out _));
    }

    [Fact]
    public async Task Quotas_Decompose_AddsUp()
    {
        var (status, plan, _) = await Post("/api/v1/quotas/decompose", """
            { "goal": 1000000, "year": { "start": "2027-01-01", "calendar": "months" }, "rounding": 100,
              "reps": [ { "id": "r1", "potential": 3 }, { "id": "r2", "potential": 1 } ] }
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1_000_000m, plan.GetProperty("reps").EnumerateArray().Sum(r => r.GetProperty("annual").GetDecimal()));
        Assert.Equal(750_000m, plan.GetProperty("reps")[0].GetProperty("annual").GetDecimal());
    }

    [Fact]
    public async Task Hiring_Plan_ReportsHiresAndShortfalls()
    {
        var (status, plan, _) = await Post("/api/v1/hiring/plan", """
            { "start": "2027-Q1", "quarters": 4, "hireCapacity": 1600, "leadTimeQuarters": 1, "targetUtilization": 0.75,
              "demand": [ { "skill": "enterprise", "region": "NE", "quarter": "2027-Q1", "workload": 300 },
                          { "skill": "enterprise", "region": "NE", "quarter": "2027-Q2", "workload": 300 } ],
              "hireCost": 20000, "repCostPerYear": 140000 }
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2027-Q2", plan.GetProperty("hires")[0].GetProperty("quarter").GetString());
        Assert.StartsWith("lead time", plan.GetProperty("shortfalls")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Health_And_OpenApi_AreServed()
    {
        using var health = await _client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/plans/solve", "/api/v1/plans/analyze", "/api/v1/quotas/decompose", "/api/v1/hiring/plan", "/health",
                     "/api/v1/datasets", "/api/v1/scenarios/{id}/runs", "/api/v1/runs/{id}", "/api/v1/runs/{id}/events", "/api/v1/compare" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        using var docs = await _client.GetAsync("/docs", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi/v1.json", await docs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Solve_ThousandsOfErrors_ListsTheFirstHundredAndCountsAll()
    {
        var reps = string.Join(",", Enumerable.Range(0, 500).Select(i => $"{{\"id\":\"r{i}\",\"capacity\":-1}}"));

        var (status, problem, _) = await Post("/api/v1/plans/solve", $"{{\"reps\": [{reps}], \"accounts\": []}}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(100, problem.GetProperty("errors").EnumerateObject().Count());
        Assert.StartsWith("500 field(s) are invalid", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Body_OverTheSizeLimit_Is413ProblemDetails()
    {
        var big = "{\"reps\": [" + string.Join(",", Enumerable.Repeat("{\"id\":\"r\",\"capacity\":1}", 60_000)) + "], \"accounts\": []}";

        var (status, problem, contentType) = await Post("/api/v1/plans/solve", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("1,000,000 bytes", problem.GetProperty("detail").GetString());
    }
}
