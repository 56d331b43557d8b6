using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Api.Hosting;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Geo;
using Territories.Storage;
using Territories.Api.Access;


using Territories.Api.Bodies;

namespace Territories.Api.Features;

/// <summary>
/// A dataset's map: <c>PUT /api/v1/datasets/{id}/units</c> takes a GeoJSON FeatureCollection whose feature ids are the
/// unit ids (e.g. the bundled counties with FIPS ids), keeps the shapes the accounts name and derives the units'
/// neighbours from shared boundaries; <c>GET</c> answers the stored shapes.
/// </summary>
public static class DatasetUnitEndpoints
{
    public static void MapDatasetUnits(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/v1/datasets/{id}/units").WithTags("Datasets");
        units.MapPut("/", Put).Accepts<JsonElement>("application/geo+json", "application/json").WithName("PutDatasetUnits")
            .WithSummary("Upload a dataset's unit shapes")
            .WithDescription("A GeoJSON FeatureCollection of the units (counties, postal codes) the accounts name; neighbours are derived from shared boundaries. Needed for contiguity and maps.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ForPlanners();
        units.MapGet("/", Get).WithName("GetDatasetUnits")
            .WithSummary("Get a dataset's unit shapes")
            .WithDescription("The GeoJSON FeatureCollection uploaded for the dataset.")
            .ProducesProblem(StatusCodes.Status404NotFound).ForMembers();
    }

    public static async Task<Results<Ok<DatasetSummary>, ValidationProblem, ProblemHttpResult>> Put(string id, HttpRequest request, TerritoryStore store, CancellationToken cancel)
    {
        var (shapes, invalid) = await ContractBody.ReadAsync(request, BodySize.Document, UnitShapes.Read, cancel);
        if (invalid is not null) return invalid;
        if (await store.Datasets.GetAsync(id, cancel) is not { } record) return ApiProblems.NotFound("dataset", id);
        try
        {
            var (problem, kept) = ProblemUnits.FromShapes(TerritoryProblemReader.Read(record.Document), shapes!);
            var write = await store.Datasets.SetShapesAsync(id, DatasetContents.Of(problem), CountyAtlas.WriteGeoJson(kept), ETags.RequiredVersion(request), cancel);
            switch (write.Outcome)
            {
                case WriteOutcome.NotFound: return ApiProblems.NotFound("dataset", id);
                case WriteOutcome.VersionMismatch: return ApiProblems.Stale("dataset", id, write.Value!.Version);
            }
            ETags.Set(request.HttpContext.Response, write.Value!.Version);
            return TypedResults.Ok(DatasetSummary.Of(write.Value));
        }
        catch (InvalidInputException e)
        {
            return ContractBody.Problem(e);
        }
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(string id, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Datasets.GetShapesAsync(id, cancel) is { } shapes) return TypedResults.Content(shapes, "application/geo+json");
        return await store.Datasets.ExistsAsync(id, cancel)
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No unit shapes", detail: $"Dataset \"{id}\" has no unit shapes; PUT a GeoJSON FeatureCollection to /api/v1/datasets/{id}/units.")
            : ApiProblems.NotFound("dataset", id);
    }
}
