using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Territories.Api.Hosting;
using Territories.Domain.Contracts;

namespace Territories.Api;

/// <summary>
/// Reads a request body with the contract's own reader, so that invalid input is answered as RFC 9457 problem details
/// (400) with an <c>errors</c> map from field path to messages, exactly as the CLI reports it; malformed JSON included.
/// Bodies over <see cref="ServiceSettings.MaxRequestBytes"/> are refused with 413 before they are read.
/// </summary>
public static class ContractBody
{
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, Func<string, T> parse, CancellationToken cancel)
        where T : class
    {
        var text = await ReadTextAsync(request, cancel);
        try
        {
            return (parse(text), null);
        }
        catch (InvalidInputException e)
        {
            return (null, Problem(e));
        }
    }

    /// <summary>The body as text; a body larger than the limit throws the 413 that <see cref="RequestProblems"/> answers.</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken cancel)
    {
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<ServiceSettings>>().Value.MaxRequestBytes;
        if (request.ContentLength > limit) throw TooLarge(limit);
        using var reader = new StreamReader(request.Body);
        var buffer = new char[81920];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancel)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > limit) throw TooLarge(limit);
        }
        return text.ToString();
    }

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than the {limit:N0} bytes this service accepts (setting Territories:MaxRequestBytes).", StatusCodes.Status413PayloadTooLarge);

    /// <summary>Reads the body with <paramref name="parse"/> and answers <paramref name="plan"/>'s result, or the problem details of invalid input.</summary>
    public static async Task<Results<Ok<TOut>, ValidationProblem>> Answer<TIn, TOut>(HttpRequest request, Func<string, TIn> parse, Func<TIn, TOut> plan, CancellationToken cancel)
        where TIn : class
    {
        var (input, invalid) = await ReadAsync(request, parse, cancel);
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
