using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Domain.Contracts;

namespace Territories.Api;

/// <summary>
/// Reads a request body with the contract's own reader, so that invalid input is answered as RFC 9457 problem details
/// (400) with an <c>errors</c> map from field path to messages, exactly as the CLI reports it; malformed JSON included.
/// </summary>
public static class ContractBody
{
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, Func<string, T> parse, CancellationToken cancel)
        where T : class
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancel);
        try
        {
            return (parse(text), null);
        }
        catch (InvalidInputException e)
        {
            return (null, Problem(e));
        }
    }

    /// <summary>Reads the body with <paramref name="parse"/> and answers <paramref name="plan"/>'s result, or the problem details of invalid input.</summary>
    public static async Task<Results<Ok<TOut>, ValidationProblem>> Answer<TIn, TOut>(HttpRequest request, Func<string, TIn> parse, Func<TIn, TOut> plan, CancellationToken cancel)
        where TIn : class
    {
        var (input, invalid) = await ReadAsync(request, parse, cancel);
        return invalid is not null ? invalid : TypedResults.Ok(plan(input!));
    }

    public static ValidationProblem Problem(InvalidInputException e) => TypedResults.ValidationProblem(
        e.Errors.GroupBy(error => error.Path).ToDictionary(g => g.Key, g => g.Select(error => error.Message).ToArray()),
        title: "The request is invalid", detail: $"{e.Errors.Count} field(s) are invalid; see errors.");
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
