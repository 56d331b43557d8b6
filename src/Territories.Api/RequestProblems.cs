using Microsoft.AspNetCore.Diagnostics;

namespace Territories.Api;

/// <summary>
/// Answers requests the server refused before a handler could (a body over the size limit, a malformed form) as problem
/// details with the status and message the refusal carries; anything else stays a 500 without a stack trace.
/// </summary>
public sealed class RequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancel)
    {
        if (exception is not BadHttpRequestException refused) return false;
        context.Response.StatusCode = refused.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = refused.StatusCode, Title = "The request was refused", Detail = refused.Message },
        });
    }
}
