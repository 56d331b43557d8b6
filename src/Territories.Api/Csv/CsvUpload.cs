using Microsoft.AspNetCore.Http.HttpResults;
using Territories.Domain.Contracts;

namespace Territories.Api.Csv;

/// <summary>
/// The multipart form of a CSV upload, read so that a malformed form (no boundary, an over-long boundary, a truncated
/// or garbled body, too many fields or too long a value) is a 400 naming what is wrong, never a 500. Files above 64 KB
/// are buffered to disk by the form reader as they arrive.
/// </summary>
public static class CsvUpload
{
    /// <param name="files">What the form must carry, for the error when the body is not a form at all ("the files \"reps\" and \"accounts\"").</param>
    public static async Task<(IFormCollection? Form, ValidationProblem? Malformed)> ReadFormAsync(HttpRequest request, string files, CancellationToken cancel)
    {
        if (!request.HasFormContentType) return (null, ContractBody.Problem([new InputError("$", $"must be multipart/form-data with {files}")]));
        try
        {
            return (await request.ReadFormAsync(cancel), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest })
        {
            return (null, ContractBody.Problem([new InputError("$", $"is not a readable multipart/form-data body: {e.Message}")]));
        }
    }

    public static async Task<string> TextOf(IFormFile file, CancellationToken cancel)
    {
        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancel);
    }
}
