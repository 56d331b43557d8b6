using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Territories.Api.Bodies;
using Territories.Domain.Contracts;

namespace Territories.Api;

/// <summary>
/// Reads a request body with the contract's own reader, so that invalid input is answered as RFC 9457 problem details
/// (400) with an <c>errors</c> map from field path to messages, exactly as the CLI reports it; malformed JSON included.
/// The body is read from the stream by <see cref="RequestBodies"/> under the endpoint's <see cref="BodySize"/> limit (413 above it).
/// </summary>
public static class ContractBody
{
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, BodySize size,
        Func<JsonElement, List<InputError>, T?> read, CancellationToken cancel)
        where T : class
    {
        var body = await BodiesOf(request).ReadAsync(request, size, cancel);
        try
        {
            return (ContractJson.Read(body, read), null);
        }
        catch (InvalidInputException e)
        {
            return (null, Problem(e));
        }
    }

    /// <summary>The body as text (for documents stored as sent, such as a scenario).</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, BodySize size, CancellationToken cancel) =>
        System.Text.Encoding.UTF8.GetString((await BodiesOf(request).ReadAsync(request, size, cancel)).Span);

    private static RequestBodies BodiesOf(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<RequestBodies>();

    /// <summary>Reads the body with <paramref name="read"/> and answers <paramref name="plan"/>'s result, or the problem details of invalid input.</summary>
    public static async Task<Results<Ok<TOut>, ValidationProblem>> Answer<TIn, TOut>(HttpRequest request, BodySize size,
        Func<JsonElement, List<InputError>, TIn?> read, Func<TIn, TOut> plan, CancellationToken cancel)
        where TIn : class
    {
        var (input, invalid) = await ReadAsync(request, size, read, cancel);
        return invalid is not null ? invalid : TypedResults.Ok(plan(input!));
    }

    public static ValidationProblem Problem(InvalidInputException e) => Problem(e.Errors);

    /// <summary>At most this many errors are listed; a file with one mistake repeated on every row should not answer megabytes.</summary>
    public const int MaxListedErrors = 100;

    public static ValidationProblem Problem(IReadOnlyList<InputError> errors) => TypedResults.ValidationProblem(
        errors.Take(MaxListedErrors).GroupBy(error => error.Path).ToDictionary(g => g.Key, g => g.Select(error => error.Message).ToArray()),
        title: "The request is invalid",
        detail: errors.Count <= MaxListedErrors
            ? $"{errors.Count} field(s) are invalid; see errors."
            : $"{errors.Count} field(s) are invalid; the first {MaxListedErrors} are listed in errors.");
}

/// <summary>JSON options matching the contract: camelCase, enums as camelCase strings, ids as strings.</summary>
public static class ContractJsonSetup
{
    public static IServiceCollection AddContractJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            foreach (var converter in ContractSerializer.Options.Converters) options.SerializerOptions.Converters.Add(converter);
            options.SerializerOptions.PropertyNamingPolicy = ContractSerializer.Options.PropertyNamingPolicy;
        });
}
