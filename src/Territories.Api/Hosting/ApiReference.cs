using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Territories.Api.Hosting;

/// <summary>
/// The API reference a developer integrating with the service opens first: the OpenAPI document's title, a description
/// with the walk-through in brief, tags named for what users do, request and response examples from <c>data/examples</c>
/// (embedded in this assembly), and the Scalar page at <c>/docs</c> without the buttons that do not concern this service.
/// </summary>
public static class ApiReference
{
    private const string Description = """
        Territories plans sales coverage: it assigns accounts to reps by skill and capacity, keeps workloads balanced and
        travel short, splits goals into quotas and sizes hiring. Every plan comes with its objective, a proven bound and the
        gap between them.

        **Walk-through**

        1. `POST /api/v1/datasets` with a territory problem (reps and accounts), or `/api/v1/datasets/csv` with reps.csv
           and accounts.csv: the book of business.
        2. `POST /api/v1/scenarios` naming the dataset, with changes (reps leaving or joining, accounts locked) and options
           (weights, balance band, time limit).
        3. `POST /api/v1/scenarios/{id}/runs` starts a durable solve; follow it with `GET /api/v1/runs/{id}` or the event
           stream `GET /api/v1/runs/{id}/events`; cancel with `DELETE /api/v1/runs/{id}`.
        4. Read the plan from the run, draw it (`/api/v1/runs/{id}/map.svg`, `plan.geojson`), compare runs side by side
           (`GET /api/v1/compare?runs=a,b`), and turn a plan into quotas (`POST /api/v1/runs/{id}/quotas`).

        Stateless endpoints answer at once for scripts and small problems: `/api/v1/plans/solve`, `/plans/analyze`,
        `/quotas/decompose`, `/hiring/plan`. Errors are RFC 9457 problem details; invalid input (400) carries an `errors`
        map from field path (such as `accounts[17].workload`) to messages.
        """;

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Datasets", "Books of business: reps, accounts and their unit shapes, as JSON, CSV or GeoJSON."),
        ("Scenarios", "What-ifs on a dataset (reps leaving or joining, locks, weights, bands), versioned with ETag and If-Match."),
        ("Runs", "Durable solves of a scenario: progress, events, cancellation, the plan, its maps and comparisons."),
        ("Plans", "Solve or analyse a territory problem in one request."),
        ("Quotas", "Split a sales goal into quotas per rep, quarter, month and week."),
        ("Hiring", "Size the sales force: who to hire, where and when."),
        ("Health", "Whether the service and its store are up."),
        ("Session", "Sign in with a name and password (an HttpOnly cookie and the CSRF token for writes), see who is signed in, sign out."),
        ("Users", "Users and their roles (viewer, hr, planner, manager, admin); disabling a user; admins only, but a user's own keys."),
        ("Keys", "API keys for scripts, sent as Authorization: Bearer; shown once, when created, and stored only as salted hashes."),
        ("Audit", "Every successful write: who, when, method, path, object and new version; admins only."),
        ("Visits", "Customer classification (tiers A, B, C, prospects) and visit planning: weekly routes from a visit policy."),
    ];

    /// <summary>Request and 200/201 response examples per operation id, from the files of <c>data/examples</c>.</summary>
    private static readonly Dictionary<string, (string? Request, string? Response)> Examples = new()
    {
        ["CreateDataset"] = ("small.json", null),
        ["ReplaceDataset"] = ("small.json", null),
        ["CreateScenario"] = ("scenario.json", null),
        ["SolvePlan"] = ("small.json", "small-plan.json"),
        ["DecomposeQuotas"] = ("quota-request.json", "quota-plan.json"),
        ["PlanHiring"] = ("hiring-request.json", "hiring-plan.json"),
    };

    public static IServiceCollection AddApiReference(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Territories API", Version = "v1", Description = Description };
            document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, _, _) =>
        {
            // Any operation can fail unexpectedly: a problem details answer without a stack trace.
            operation.Responses ??= [];
            operation.Responses.TryAdd("500", new OpenApiResponse
            {
                Description = "Unexpected error: problem details without internals (the service logs the cause).",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
            });
            if (operation.OperationId is not { } id || !Examples.TryGetValue(id, out var example)) return Task.CompletedTask;
            if (example.Request is { } request && operation.RequestBody?.Content is { } requestContent)
                foreach (var media in requestContent.Values) media.Example = Example(request);
            if (example.Response is { } response && operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } okContent)
                foreach (var media in okContent.Values) media.Example = Example(response);
            return Task.CompletedTask;
        });
    });

    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("Territories API reference")
            .DisableAgent()
            .DisableMcp()
            .HideClientButton()
            .HideDeveloperTools()
            .DisableTelemetry()
            .DisableDefaultFonts()).AllowAnonymous();
    }

    private static JsonNode? Example(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"examples/{file}")
            ?? throw new InvalidOperationException($"the example {file} is not embedded");
        return JsonNode.Parse(stream);
    }
}
