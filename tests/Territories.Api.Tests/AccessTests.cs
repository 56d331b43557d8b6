using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Territories.Api.Access;
using Territories.Storage;
using Territories.Tests.Shared;

namespace Territories.Api.Tests;

/// <summary>
/// Identity and access over real HTTP, on each store (<see cref="SqliteAccessTests"/>, <see cref="PostgresAccessTests"/>):
/// the authorization matrix, ownership, disabling, brute-force limits, CSRF, the audit trail and that no secret leaks.
/// </summary>
public abstract class AccessTests(TestStore store) : StoredServiceTests(store)
{
    /// <summary>Who may call each operation: the one table the matrix checks the service against.</summary>
    public enum Policy { Anyone, Member, Hiring, Planning, Approval, Admin }

    public static readonly IReadOnlyDictionary<string, Policy> Policies = new Dictionary<string, Policy>
    {
        ["GET /health"] = Policy.Anyone,
        ["POST /api/v1/session"] = Policy.Anyone,
        ["DELETE /api/v1/session"] = Policy.Anyone,
        ["GET /api/v1/session/oidc"] = Policy.Anyone,
        ["GET /api/v1/session"] = Policy.Member,
        ["GET /api/v1/me"] = Policy.Member,
        ["POST /api/v1/users/{id}/keys"] = Policy.Member,
        ["GET /api/v1/users/{id}/keys"] = Policy.Member,
        ["DELETE /api/v1/keys/{id}"] = Policy.Member,
        ["GET /api/v1/datasets"] = Policy.Member,
        ["GET /api/v1/datasets/{id}"] = Policy.Member,
        ["GET /api/v1/datasets/{id}/accounts"] = Policy.Member,
        ["GET /api/v1/datasets/{id}/export"] = Policy.Member,
        ["GET /api/v1/datasets/{id}/reps.csv"] = Policy.Member,
        ["GET /api/v1/datasets/{id}/accounts.csv"] = Policy.Member,
        ["GET /api/v1/datasets/{id}/units"] = Policy.Member,
        ["GET /api/v1/scenarios"] = Policy.Member,
        ["GET /api/v1/scenarios/{id}"] = Policy.Member,
        ["GET /api/v1/scenarios/{id}/problem"] = Policy.Member,
        ["GET /api/v1/scenarios/{id}/runs"] = Policy.Member,
        ["GET /api/v1/runs"] = Policy.Member,
        ["GET /api/v1/runs/{id}"] = Policy.Member,
        ["GET /api/v1/runs/{id}/events"] = Policy.Member,
        ["GET /api/v1/runs/{id}/plan.geojson"] = Policy.Member,
        ["GET /api/v1/runs/{id}/map.svg"] = Policy.Member,
        ["GET /api/v1/compare"] = Policy.Member,
        ["POST /api/v1/hiring/plan"] = Policy.Hiring,
        ["GET /api/v1/datasets/{id}/hiring-request"] = Policy.Member,
        ["POST /api/v1/datasets"] = Policy.Planning,
        ["POST /api/v1/datasets/csv"] = Policy.Planning,
        ["PUT /api/v1/datasets/{id}"] = Policy.Planning,
        ["DELETE /api/v1/datasets/{id}"] = Policy.Planning,
        ["PUT /api/v1/datasets/{id}/units"] = Policy.Planning,
        ["POST /api/v1/scenarios"] = Policy.Planning,
        ["PUT /api/v1/scenarios/{id}"] = Policy.Planning,
        ["DELETE /api/v1/scenarios/{id}"] = Policy.Planning,
        ["POST /api/v1/scenarios/{id}/clone"] = Policy.Planning,
        ["POST /api/v1/scenarios/{id}/runs"] = Policy.Planning,
        ["DELETE /api/v1/runs/{id}"] = Policy.Planning,
        ["POST /api/v1/runs/{id}/quotas"] = Policy.Planning,
        ["POST /api/v1/plans/solve"] = Policy.Planning,
        ["POST /api/v1/plans/analyze"] = Policy.Planning,
        ["POST /api/v1/quotas/decompose"] = Policy.Planning,
        ["POST /api/v1/datasets/{id}/classification"] = Policy.Planning,
        ["POST /api/v1/runs/{id}/visits"] = Policy.Planning,
        ["GET /api/v1/users"] = Policy.Admin,
        ["POST /api/v1/users"] = Policy.Admin,
        ["GET /api/v1/users/{id}"] = Policy.Admin,
        ["PATCH /api/v1/users/{id}"] = Policy.Admin,
        ["GET /api/v1/audit"] = Policy.Admin,
        ["GET /api/v1/datasets/{id}/org.csv"] = Policy.Member,
        ["GET /api/v1/datasets/{id}/assignments"] = Policy.Member,
        ["GET /api/v1/datasets/{id}/accounts/{accountId}/history"] = Policy.Member,
        ["GET /api/v1/datasets/{id}/org-units"] = Policy.Member,
        ["PUT /api/v1/datasets/{id}/org-units/{unitId}/managers"] = Policy.Admin,
        ["POST /api/v1/runs/{id}/proposals"] = Policy.Planning,
        ["GET /api/v1/proposals"] = Policy.Member,
        ["GET /api/v1/proposals/{id}"] = Policy.Member,
        ["POST /api/v1/proposals/{id}/approve"] = Policy.Approval,
        ["POST /api/v1/proposals/{id}/reject"] = Policy.Approval,
        ["POST /api/v1/proposals/{id}/publish"] = Policy.Planning,
        ["POST /api/v1/datasets/{id}/visits"] = Policy.Planning,
        ["POST /api/v1/datasets/{id}/visits.csv"] = Policy.Planning,
        ["GET /api/v1/datasets/{id}/visits"] = Policy.Member,
        ["GET /api/v1/datasets/{id}/visits/report"] = Policy.Member,
        ["PUT /api/v1/datasets/{id}/visit-policy"] = Policy.Planning,
        ["GET /api/v1/datasets/{id}/visit-policy"] = Policy.Member,
        ["PUT /api/v1/datasets/{id}/quota-plan"] = Policy.Planning,
        ["GET /api/v1/datasets/{id}/quota-plan"] = Policy.Member,
        ["GET /api/v1/runs/{id}/problem"] = Policy.Member,
        ["POST /api/v1/runs/{id}/analyze"] = Policy.Planning,
        ["POST /api/v1/runs/{id}/edits"] = Policy.Planning,
    };

    /// <summary>The lowest role each policy admits (null: no credentials needed).</summary>
    private static string? LowestRole(Policy policy) => policy switch
    {
        Policy.Anyone => null,
        Policy.Member => Roles.Viewer,
        Policy.Hiring => Roles.Hr,
        Policy.Planning => Roles.Planner,
        Policy.Approval => Roles.Manager,
        _ => Roles.Admin,
    };

    [Fact]
    public async Task AuthorizationMatrix_EveryOperationOfTheOpenApiDocument_AnswersAsItsPolicySays()
    {
        var host = await StartHostAsync(("Territories:Auth:FailuresPerNameAndAddress", "100000"), ("Territories:Auth:FailuresPerAddress", "100000"));
        var people = new People(host);
        var callers = new List<(string Who, string? Role, bool Valid, HttpClient Client)>
        {
            ("no credentials", null, false, host.Anonymous()),
            ("wrong key", null, false, host.WithKey($"tk_{new string('0', 32)}_{new string('x', 43)}")),
        };
        var disabled = await people.Create("disabled-planner", Roles.Planner);
        await people.SetDisabled(disabled.Id, true);
        callers.Add(("disabled user's key", null, false, host.WithKey(disabled.Key)));
        foreach (var role in Roles.All) callers.Add((role, role, true, host.WithKey((await people.Create($"matrix-{role}", role)).Key)));

        var document = JsonDocument.Parse(await host.Anonymous().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        var operations = (from path in document.GetProperty("paths").EnumerateObject()
                          from method in path.Value.EnumerateObject()
                          select (Method: method.Name.ToUpperInvariant(), Path: path.Name.Length > 1 ? path.Name.TrimEnd('/') : path.Name,
                              Accepts: method.Value.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").EnumerateObject().First().Name : null))
            .ToList();
        var unknown = operations.Select(o => $"{o.Method} {o.Path}").Where(o => !Policies.ContainsKey(o)).ToList();
        Assert.True(unknown.Count == 0, $"operations without a policy in the test's table: {string.Join(", ", unknown)}");
        Assert.Equal(Policies.Count, operations.Count);

        var wrong = new List<string>();
        foreach (var (method, path, accepts) in operations)
        {
            var lowest = LowestRole(Policies[$"{method} {path}"]);
            foreach (var (who, role, valid, client) in callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", "no-such-object"));
                request.Content = accepts switch
                {
                    null => null,
                    "multipart/form-data" => new MultipartFormDataContent { { new StringContent("matrix"), "name" } },
                    _ => new StringContent("{}", Encoding.UTF8, accepts),
                };
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var status = (int)response.StatusCode;
                var expected = lowest is null ? "allowed" : !valid ? "401" : Roles.Rank(role!) >= Roles.Rank(lowest) ? "allowed" : "403";
                var actual = status is 401 or 403 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : status >= 500 || status == 429 ? $"error {status}" : "allowed";
                if (expected != actual)
                    wrong.Add($"{method} {path} as {who}: expected {expected}, got {status} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                if (status == 401) Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
                if (status is 401 or 403) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Ownership_PlannerBCannotChangeDeleteOrCancelPlannerAsScenario_ButAManagerCan()
    {
        var host = await StartHostAsync();
        var people = new People(host);
        var a = people.As((await people.Create("planner-a", Roles.Planner)).Key);
        var (bId, bKey) = await people.Create("planner-b", Roles.Planner);
        var b = people.As(bKey);
        var manager = people.As((await people.Create("boss", Roles.Manager)).Key);
        var dataset = (await a.Post("/api/v1/datasets", Books.Small())).Id;
        var scenarioJson = Books.Scenario(dataset, "a's plan", timeLimitSeconds: 60);
        var scenario = await a.Post("/api/v1/scenarios", scenarioJson);
        Assert.Equal(HttpStatusCode.Created, scenario.Status);
        var run = await a.Post($"/api/v1/scenarios/{scenario.Id}/runs");

        Assert.Equal(HttpStatusCode.OK, (await b.Get($"/api/v1/scenarios/{scenario.Id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await b.Put($"/api/v1/scenarios/{scenario.Id}", Books.Scenario(dataset, "b was here"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await b.Delete($"/api/v1/scenarios/{scenario.Id}")).Status);
        var refused = await b.Delete($"/api/v1/runs/{run.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Put("/api/v1/scenarios/no-such-scenario", Books.Scenario(dataset, "x"))).Status);
        var unchanged = await a.Get($"/api/v1/scenarios/{scenario.Id}");
        Assert.Equal(("a's plan", 1), (unchanged.Body.GetProperty("name").GetString(), unchanged.Body.GetProperty("version").GetInt32()));
        Assert.False((await a.Get($"/api/v1/runs/{run.Id}")).Body.GetProperty("cancelRequested").GetBoolean());

        var copy = await b.Post($"/api/v1/scenarios/{scenario.Id}/clone");
        Assert.Equal(bId, copy.Body.GetProperty("ownerId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await b.Put($"/api/v1/scenarios/{copy.Id}", Books.Scenario(dataset, "b's copy"))).Status);

        Assert.Contains((await manager.Delete($"/api/v1/runs/{run.Id}")).Status, new[] { HttpStatusCode.OK, HttpStatusCode.Accepted });
        await a.WaitForRun(run.Id, r => r.GetProperty("state").GetString() is "cancelled" or "completed");
        Assert.Equal(HttpStatusCode.OK, (await manager.Put($"/api/v1/scenarios/{scenario.Id}", Books.Scenario(dataset, "manager's edit"))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Delete($"/api/v1/scenarios/{scenario.Id}")).Status);
    }

    [Fact]
    public async Task DisablingAUser_StopsItsKeysAndSessionsAtOnce()
    {
        var host = await StartHostAsync();
        var people = new People(host);
        const string password = "correct horse battery staple";
        var (id, key) = await people.Create("pat", Roles.Planner, password);
        var (browser, signIn) = await people.SignIn("pat", password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await people.As(key).Get("/api/v1/me")).Status);

        await people.SetDisabled(id, true);

        Assert.Equal(HttpStatusCode.Unauthorized, (await people.As(key).Get("/api/v1/datasets")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/datasets", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await people.SignIn("pat", password)).Answer.StatusCode);

        await people.SetDisabled(id, false);
        Assert.Equal(HttpStatusCode.OK, (await people.As(key).Get("/api/v1/me")).Status);
        var (again, _) = await people.SignIn("pat", password);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task WrongPasswords_Get429WithRetryAfter_WhileOtherNamesAndAddressesStillSignIn()
    {
        var host = await StartHostAsync(("Territories:Auth:FailuresPerNameAndAddress", "3"), ("Territories:Auth:FailuresPerAddress", "6"));
        var people = new People(host);
        await people.Create("ann", Roles.Planner, "ann's long password");
        await people.Create("bob", Roles.Viewer, "bob's long password");

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await people.SignIn("ann", $"guess {i} of many", "10.0.0.1")).Answer.StatusCode);
        var blocked = (await people.SignIn("ann", "ann's long password", "10.0.0.1")).Answer;
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");

        Assert.Equal(HttpStatusCode.OK, (await people.SignIn("bob", "bob's long password", "10.0.0.1")).Answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await people.SignIn("ann", "ann's long password", "10.0.0.2")).Answer.StatusCode);

        for (var i = 0; i < 6; i++) await people.SignIn($"nobody-{i}", "spraying one password", "10.0.0.9");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await people.SignIn("bob", "bob's long password", "10.0.0.9")).Answer.StatusCode);
    }

    [Fact]
    public async Task WrongKeys_Get429WithRetryAfter_WhileOtherKeysAndAddressesStillWork()
    {
        var host = await StartHostAsync(("Territories:Auth:FailuresPerNameAndAddress", "3"), ("Territories:Auth:FailuresPerAddress", "50"));
        var people = new People(host);
        var (_, key) = await people.Create("script", Roles.Viewer);
        var (_, other) = await people.Create("other-script", Roles.Viewer);
        var forged = key[..36] + new string('A', 43);

        ServiceClient From(string k, string address)
        {
            var client = host.WithKey(k);
            client.DefaultRequestHeaders.Add(ServiceHost.ClientAddressHeader, address);
            return new ServiceClient(client);
        }

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await From(forged, "10.0.1.1").Get("/api/v1/me")).Status);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        using var blocked = await From(key, "10.0.1.1").Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");

        Assert.Equal(HttpStatusCode.OK, (await From(key, "10.0.1.2").Get("/api/v1/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await From(other, "10.0.1.1").Get("/api/v1/me")).Status);
    }

    [Fact]
    public async Task CookieWrites_NeedTheSessionsCsrfToken_KeyWritesDoNot()
    {
        var host = await StartHostAsync();
        var people = new People(host);
        await people.Create("cleo", Roles.Planner, "cleo's long password");
        var (browser, signIn) = await people.SignIn("cleo", "cleo's long password");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CredentialAuthentication.SessionCookie, StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain("secure", cookie);
        var token = await People.CsrfToken(signIn);

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(browser, "/api/v1/datasets", Books.Small(), csrf: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(browser, "/api/v1/datasets", Books.Small(), csrf: "not-the-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Post(browser, "/api/v1/datasets", Books.Small(), csrf: token)).StatusCode);
        var session = JsonDocument.Parse(await browser.GetStringAsync("/api/v1/session", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(token, session.GetProperty("csrfToken").GetString());

        Assert.Equal(HttpStatusCode.Created, (await people.Admin.Post("/api/v1/datasets", Books.Small())).Status);

        using (var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/session"))
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(signOut, TestContext.Current.CancellationToken)).StatusCode);
        using (var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/session"))
        {
            signOut.Headers.Add(CsrfDefence.Header, token);
            Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signOut, TestContext.Current.CancellationToken)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);

        var overHttps = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var secure = await overHttps.PostAsJsonAsync("/api/v1/session", new { name = "cleo", password = "cleo's long password" }, TestContext.Current.CancellationToken);
        Assert.Contains("secure", secure.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant());
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string json, string? csrf)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (csrf is not null) request.Headers.Add(CsrfDefence.Header, csrf);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Secrets_AppearOnlyInTheKeysCreation_NeverInOtherAnswersLogsAuditOrStore()
    {
        var host = await StartHostAsync(("Logging:LogLevel:Default", "Trace"));
        var people = new People(host);
        const string password = "a password nobody may read";
        const string wrongPassword = "a wrong password nobody may read";
        var user = await people.Admin.Post("/api/v1/users", $$"""{ "name": "dana", "role": "planner", "password": "{{password}}" }""");
        var created = await people.Admin.Post($"/api/v1/users/{user.Id}/keys", """{ "name": "ci" }""");
        var key = created.Body.GetProperty("key").GetString()!;
        Assert.StartsWith("tk_", key);
        var (browser, signIn) = await people.SignIn("dana", password);
        var sessionCookie = signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0].Split('=', 2)[1];
        var csrf = await People.CsrfToken(signIn);
        await Post(browser, "/api/v1/datasets", Books.Small(), csrf);
        await people.SignIn("dana", wrongPassword);
        await people.As(key[..^2] + "zz").Get("/api/v1/me");
        var numeric = await people.Admin.Send(People.Patch($"/api/v1/users/{user.Id}", """{ "password": 1234567890123 }"""));
        Assert.Equal(HttpStatusCode.BadRequest, numeric.Status);

        var answers = new List<string> { user.Text, await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), numeric.Text };
        foreach (var path in new[] { "/api/v1/users", $"/api/v1/users/{user.Id}", $"/api/v1/users/{user.Id}/keys", "/api/v1/me", "/api/v1/audit" })
            answers.Add((await people.Admin.Get(path)).Text);
        answers.Add((await people.As(key).Get("/api/v1/me")).Text);
        var secrets = new[] { password, wrongPassword, key, key[36..], ServiceHost.AdminKey, sessionCookie, sessionCookie[36..], "1234567890123" };

        var audit = (await people.Admin.Get("/api/v1/audit")).Text;
        Assert.Contains("/api/v1/users", audit);
        var logs = host.Logs.Lines;
        Assert.NotEmpty(logs);
        var stored = await StoredTextAsync();
        foreach (var secret in secrets)
        {
            Assert.All(answers, answer => Assert.DoesNotContain(secret, answer));
            Assert.All(logs, line => Assert.DoesNotContain(secret, line));
            Assert.DoesNotContain(secret, stored);
        }
        Assert.Contains("/api/v1/session", stored);
    }

    /// <summary>Every value of the users, credentials and audit tables, as the database holds them.</summary>
    private async Task<string> StoredTextAsync()
    {
        var store = await StoreAsync();
        await using var connection = await store.Database.OpenAsync();
        var text = new StringBuilder();
        foreach (var table in new[] { "users", "credentials", "audit" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\t');
        }
        return text.ToString();
    }

    [Fact]
    public async Task Audit_RecordsEachSuccessfulWriteWithWhoWhatAndVersion_ForAdminsOnly()
    {
        var host = await StartHostAsync();
        var people = new People(host);
        var (plannerId, plannerKey) = await people.Create("audited", Roles.Planner);
        var planner = people.As(plannerKey);
        var dataset = await planner.Post("/api/v1/datasets", Books.Small());
        var replaced = await planner.Put($"/api/v1/datasets/{dataset.Id}", Books.Small("renamed"), ifMatch: dataset.ETag);
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.Post("/api/v1/datasets", "{}")).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await planner.Get("/api/v1/audit")).Status);
        var trail = await people.Admin.Get($"/api/v1/audit?userId={plannerId}");
        Assert.True(trail.Status == HttpStatusCode.OK, trail.Text);
        var entries = trail.Body.EnumerateArray().ToList();
        Assert.Equal(
            [("POST", "/api/v1/datasets", dataset.Id, 1), ("PUT", $"/api/v1/datasets/{dataset.Id}", dataset.Id, 2)],
            entries.Select(e => (e.GetProperty("method").GetString(), e.GetProperty("path").GetString(), e.GetProperty("objectId").GetString(), e.GetProperty("version").GetInt32())));
        Assert.All(entries, e => Assert.Equal("audited", e.GetProperty("userName").GetString()));
        var all = (await people.Admin.Get("/api/v1/audit")).Body.EnumerateArray().ToList();
        Assert.Contains(all, e => e.GetProperty("path").GetString() == "/api/v1/users" && e.GetProperty("userName").GetString() == BootstrapAdmin.Name);
        Assert.Empty((await people.Admin.Get($"/api/v1/audit?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}")).Body.EnumerateArray());
        Assert.Equal(["since"], (await people.Admin.Get("/api/v1/audit?since=yesterday")).ErrorPaths);
    }

    [Fact]
    public async Task Solves_AreRateLimitedPerUser_With429AndRetryAfter()
    {
        var host = await StartHostAsync(("Territories:Auth:SolvesPerMinute", "2"));
        var people = new People(host);
        var first = people.As((await people.Create("eager", Roles.Planner)).Key);
        var second = people.As((await people.Create("patient", Roles.Planner)).Key);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.BadRequest, (await first.Post("/api/v1/plans/solve", "{}")).Status);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans/solve") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        using var limited = await first.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.BadRequest, (await second.Post("/api/v1/plans/solve", "{}")).Status);
    }

    [Fact]
    public async Task Users_NamesAreUnique_RolesChecked_TheLastAdminStays_AndKeysAreTheirOwnersToDelete()
    {
        var host = await StartHostAsync();
        var people = new People(host);
        var admin = people.Admin;
        Assert.Equal(["role"], (await admin.Post("/api/v1/users", """{ "name": "x", "role": "emperor" }""")).ErrorPaths);
        Assert.Equal(["password"], (await admin.Post("/api/v1/users", """{ "name": "x", "role": "viewer", "password": "short" }""")).ErrorPaths);
        Assert.Equal(["nmae"], (await admin.Post("/api/v1/users", """{ "name": "x", "nmae": "y", "role": "viewer" }""")).ErrorPaths);
        var (viewerId, viewerKey) = await people.Create("vera", Roles.Viewer);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Post("/api/v1/users", """{ "name": "vera", "role": "viewer" }""")).Status);

        var me = (await admin.Get("/api/v1/me")).Body;
        Assert.Equal((BootstrapAdmin.Name, Roles.Admin), (me.GetProperty("name").GetString(), me.GetProperty("role").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Send(People.Patch($"/api/v1/users/{me.GetProperty("id").GetString()}", """{ "disabled": true }"""))).Status);

        var viewer = people.As(viewerKey);
        var own = await viewer.Post($"/api/v1/users/{viewerId}/keys");
        Assert.Equal(HttpStatusCode.Created, own.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Post($"/api/v1/users/{me.GetProperty("id").GetString()}/keys")).Status);
        var adminKeys = (await admin.Get($"/api/v1/users/{me.GetProperty("id").GetString()}/keys")).Body.EnumerateArray().ToList();
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Delete($"/api/v1/keys/{adminKeys[0].GetProperty("id").GetString()}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await viewer.Delete($"/api/v1/keys/{own.Id}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await people.As(own.Body.GetProperty("key").GetString()!).Get("/api/v1/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Get("/api/v1/me")).Status);

        Assert.Equal(HttpStatusCode.OK, (await admin.Send(People.Patch($"/api/v1/users/{viewerId}", """{ "role": "planner" }"""))).Status);
        Assert.Equal(Roles.Planner, (await viewer.Get("/api/v1/me")).Body.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Bootstrap_WithoutAConfiguredKey_LogsARandomAdminKeyOnce()
    {
        var first = await StartHostAsync(("Territories:Auth:BootstrapAdminKey", ""));
        first.Anonymous();
        var line = Assert.Single(first.Logs.Lines, l => l.Contains("tk_", StringComparison.Ordinal));
        var key = line.Split(' ').Single(word => word.StartsWith("tk_", StringComparison.Ordinal));
        var me = await new ServiceClient(first.WithKey(key)).Get("/api/v1/me");
        Assert.Equal(Roles.Admin, me.Body.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await new ServiceClient(first.CreateClient()).Get("/api/v1/me")).Status);

        var second = await StartHostAsync(("Territories:Auth:BootstrapAdminKey", ""));
        second.Anonymous();
        Assert.DoesNotContain(second.Logs.Lines, l => l.Contains("tk_", StringComparison.Ordinal));
        Assert.Single((await new ServiceClient(second.WithKey(key)).Get("/api/v1/users")).Body.EnumerateArray());
    }

    [Fact]
    public async Task ExternalSignIn_MapsClaimsOntoRoles_CreatesTheUserOnce_AndRefusesUnmappedOrDisabledUsers()
    {
        var host = await StartHostAsync();
        host.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await new ServiceClient(host.Anonymous()).Get("/api/v1/session/oidc")).Status);
        var store = await StoreAsync();
        var oidc = new OidcSettings
        {
            Authority = "https://id.example.com", RoleMap = new() { ["territory-planners"] = Roles.Planner, ["territory-admins"] = Roles.Admin },
        };
        ClaimsPrincipal Person(params string[] groups) => new(new ClaimsIdentity(
            [new Claim("iss", "https://id.example.com"), new Claim("sub", "42"), new Claim("preferred_username", "erin"), .. groups.Select(g => new Claim("roles", g))]));

        var user = await ExternalSignIn.ProvisionAsync(store, Person("staff", "territory-planners"), oidc, CancellationToken.None);
        Assert.Equal(("erin", Roles.Planner), (user!.Name, user.Role));
        var promoted = await ExternalSignIn.ProvisionAsync(store, Person("territory-planners", "territory-admins"), oidc, CancellationToken.None);
        Assert.Equal((user.Id, Roles.Admin), (promoted!.Id, promoted.Role));
        Assert.Null(await ExternalSignIn.ProvisionAsync(store, Person("staff"), oidc, CancellationToken.None));
        Assert.Equal(Roles.Viewer, ExternalSignIn.RoleOf(Person("staff"), new OidcSettings { DefaultRole = Roles.Viewer }));

        await store.Users.UpdateAsync(user.Id, new UserChange(Disabled: true), null);
        Assert.Null(await ExternalSignIn.ProvisionAsync(store, Person("territory-planners"), oidc, CancellationToken.None));
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndTheDocsStillLoad()
    {
        var host = await StartHostAsync();
        var anonymous = host.Anonymous();
        foreach (var (path, status, client) in new[]
                 {
                     ("/health", HttpStatusCode.OK, anonymous), ("/api/v1/datasets", HttpStatusCode.Unauthorized, anonymous),
                     ("/api/v1/datasets/missing", HttpStatusCode.NotFound, host.CreateClient()), ("/openapi/v1.json", HttpStatusCode.OK, anonymous),
                     ("/docs", HttpStatusCode.OK, anonymous), ("/docs/scalar.js", HttpStatusCode.OK, anonymous),
                 })
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Equal(path.StartsWith("/docs", StringComparison.Ordinal) ? SecurityHeaders.DocsPolicy : SecurityHeaders.Policy, policy);
        }
    }
}

public sealed class SqliteAccessTests() : AccessTests(new SqliteTestStore());

public sealed class PostgresAccessTests(PostgresServer server) : AccessTests(new PostgresTestStore(server));
