using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Geo;
using Territories.Storage;
using Territories.Api.Access;


namespace Territories.Api.Features;

/// <summary>
/// A run's plan on a map: <c>GET /api/v1/runs/{id}/plan.geojson</c> (territories with their figures, accounts, rep
/// homes) and <c>/map.svg</c>. Unit shapes come from the run's dataset when it has them; otherwise accounts are points.
/// </summary>
public static class RunMapEndpoints
{
    public static void MapRunMaps(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/v1/runs/{id}").WithTags("Runs");
        runs.MapGet("/plan.geojson", GeoJson).WithName("RunPlanGeoJson")
            .WithSummary("A run's plan as GeoJSON")
            .WithDescription("Territories with their figures, the accounts and the reps' homes; unit shapes come from the run's dataset when it has them, otherwise accounts are points. 409 when the run has no plan.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ForMembers();
        runs.MapGet("/map.svg", Svg).WithName("RunMapSvg")
            .WithSummary("A run's plan as an SVG map")
            .WithDescription("Units coloured by rep, homes and a legend with each rep's accounts, hours and utilisation. 409 when the run has no plan.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ForMembers();
    }

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> GeoJson(string id, TerritoryStore store, CancellationToken cancel) =>
        Render(id, store, (problem, plan, shapes) => PlanGeoJson.Write(problem, plan, shapes), "application/geo+json", cancel);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> Svg(string id, TerritoryStore store, CancellationToken cancel) =>
        Render(id, store, SvgMap.Render, "image/svg+xml", cancel);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Render(string id, TerritoryStore store,
        Func<TerritoryProblem, Plan, IReadOnlyList<UnitShape>?, string> render, string contentType, CancellationToken cancel)
    {
        if (await store.Runs.GetAsync(id, cancel) is not { } run) return ApiProblems.NotFound("run", id);
        if (RunResource.PlanOf(run) is not { Assignments.Count: > 0 } plan)
            return ApiProblems.Conflict("The run has no plan", $"Run \"{id}\" is {run.State.ToString().ToLowerInvariant()} without a plan to draw.");
        var problem = TerritoryProblemReader.Read(run.Problem);
        return TypedResults.Content(render(problem, plan, await ShapesAsync(store, run.ScenarioId, cancel)), contentType);
    }

    private static async Task<IReadOnlyList<UnitShape>?> ShapesAsync(TerritoryStore store, string scenarioId, CancellationToken cancel)
    {
        if (await store.Scenarios.GetAsync(scenarioId, cancel) is not { } scenario) return null;
        return await store.Datasets.GetShapesAsync(scenario.DatasetId, cancel) is { } shapes ? UnitShapes.Read(shapes) : null;
    }
}
