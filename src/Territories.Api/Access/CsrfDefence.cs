namespace Territories.Api.Access;

/// <summary>
/// Refuses (403) a write made with the session cookie unless it carries the session's CSRF token in the
/// <c>X-CSRF-Token</c> header. Writes made with an API key need no token (a browser never adds a key by itself);
/// signing in needs none either (there is no session yet).
/// </summary>
public sealed class CsrfDefence(RequestDelegate next, IProblemDetailsService problems)
{
    public const string Header = "X-CSRF-Token";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<SignedInSession>() is { } session && !IsSafe(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<SignInEndpoint>() is null
            && !CredentialSecrets.SameToken(session.CsrfToken, context.Request.Headers[Header].FirstOrDefault()))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden, Title = "CSRF token missing or wrong",
                    Detail = $"A write made with the session cookie must send the session's token in the {Header} header (from the sign-in answer or GET /api/v1/session).",
                },
            });
            return;
        }
        await next(context);
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}

/// <summary>Marks the sign-in endpoint, the one cookie-carrying write that needs no CSRF token.</summary>
public sealed class SignInEndpoint;
