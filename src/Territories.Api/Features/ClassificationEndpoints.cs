using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Api.Access;
using Territories.Api.Bodies;
using Territories.Api.Hosting;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Visits;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary>Customer classification of a dataset (contract section 9): Pareto tiers with the reason per account, optionally written into the dataset.</summary>
public static class ClassificationEndpoints
{
    public static void MapClassification(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/datasets/{id}/classification", Classify).Accepts<JsonElement>("application/json").WithTags("Visits")
            .WithName("ClassifyDataset")
            .WithSummary("Classify a dataset's accounts into tiers A, B, C and prospects")
            .WithDescription("Body (all optional): `by` (`potential`, `revenue` or `blend`), `potentialWeight` (for blend), cut-offs `a` (0.8) and `b` (0.95), and `apply`: true writes each account's tier into the dataset (a new version, so the CSV export, plans and visit policies carry it). Answers each account's tier, rank and cumulative share of value.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ForPlanners();
    }

    /// <summary>The body: classification options and whether to write the tiers into the dataset.</summary>
    public sealed record ClassificationRequest(ClassificationOptions Options, bool Apply);

    private static ClassificationRequest? Read(JsonElement root, List<InputError> errors)
    {
        if (JsonFields.Of(root, "", errors) is not { } f) return null;
        var apply = f.Bool("apply") ?? false;
        return new ClassificationRequest(ClassificationReader.Read(f), apply);
    }

    public static async Task<Results<Ok<Classification>, ValidationProblem, ProblemHttpResult>> Classify(string id, HttpRequest request, TerritoryStore store,
        CancellationToken cancel)
    {
        if (await store.Datasets.GetAsync(id, cancel) is not { } record) return ApiProblems.NotFound("dataset", id);
        var (body, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, Read, cancel);
        if (invalid is not null) return invalid;
        var book = TerritoryProblemReader.Read(record.Document);
        var classification = Classifier.Classify(book.Accounts, body!.Options);
        if (!body.Apply) return TypedResults.Ok(classification);
        var classified = TerritoryProblem.Create(book.Reps, Classifier.Apply(book.Accounts, classification), book.Options, book.Pairs, book.Units, book.Name);
        var write = await store.Datasets.ReplaceAsync(id, DatasetContents.Of(classified), ETags.RequiredVersion(request) ?? record.Version, cancel);
        switch (write.Outcome)
        {
            case WriteOutcome.NotFound: return ApiProblems.NotFound("dataset", id);
            case WriteOutcome.VersionMismatch: return ApiProblems.Stale("dataset", id, write.Value!.Version);
        }
        ETags.Set(request.HttpContext.Response, write.Value!.Version);
        return TypedResults.Ok(classification);
    }
}
