
namespace Territories.Api.Hosting;

/// <summary>
/// Refuses request targets no endpoint could mean before routing sees them, as problem details: an over-long URL
/// (414, above <see cref="MaxTargetLength"/> characters; Kestrel's own line limit is set well above it, so that this
/// answer, not Kestrel's empty one, is what a client gets) and a path with control characters (400; Kestrel itself refuses a NUL before any application code runs, and
/// <see cref="KestrelRejections"/> gives that refusal its problem-details body).
/// </summary>
public sealed class RequestTargetGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>Kestrel's request line limit: larger than <see cref="MaxTargetLength"/>, so over-long URLs reach this guard.</summary>
    public const int KestrelRequestLineLimit = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var length = request.PathBase.Value?.Length + request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (length > MaxTargetLength)
        {
            await RefuseAsync(context, StatusCodes.Status414UriTooLong, "The URL is too long",
                $"The request target has {length:N0} characters; this service accepts at most {MaxTargetLength:N0}.");
            return;
        }
        if (request.Path.Value is { } path && path.Any(char.IsControl))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "The URL is invalid", "The path contains a control character; ids never do.");
            return;
        }
        await next(context);
    }

    private async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Instance = null },
        });
    }
}
