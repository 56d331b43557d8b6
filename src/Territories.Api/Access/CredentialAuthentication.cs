using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Territories.Storage;

namespace Territories.Api.Access;

/// <summary>
/// Authenticates a request by its API key (<c>Authorization: Bearer</c>) or, without one, by its session cookie; the
/// user's current state (role, disabled) comes from the store on every request, through <see cref="CallerDirectory"/>.
/// Failed checks are counted by <see cref="FailureLimiter"/>. Answers 401 with <c>WWW-Authenticate</c>, 403 and 429 as
/// problem details.
/// </summary>
public sealed class CredentialAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    CallerDirectory directory, FailureLimiter limiter, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Territories";
    public const string SessionCookie = "territories_session";
    private const string Challenge = "Bearer realm=\"territories\"";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (token, kind) = TokenOf(Request);
        if (token is null) return AuthenticateResult.NoResult();
        var name = CredentialSecrets.Parse(token, kind)?.Id ?? "(unnamed key)";
        var address = FailureLimiter.AddressOf(Context);
        if (limiter.RetryAfter(name, address) is { } wait)
        {
            Context.Features.Set(new Throttled(wait));
            return AuthenticateResult.Fail("too many failed attempts");
        }
        var holder = await directory.MatchAsync(token, kind, Context.RequestAborted);
        if (holder is null || holder.User.Disabled || !Roles.IsKnown(holder.User.Role))
        {
            limiter.Failed(name, address);
            Context.Features.Set(new Rejected(kind));
            return AuthenticateResult.Fail("the credential is not valid");
        }
        if (kind == CredentialKind.Session)
            Context.Features.Set(new SignedInSession(holder.Credential.Id, CredentialSecrets.CsrfToken(CredentialSecrets.Parse(token, kind)!.Value.Secret),
                holder.Credential.ExpiresAt));
        var principal = Caller.Principal(holder.User, kind == CredentialKind.Key ? Caller.ViaKey : Caller.ViaSession, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Features.Get<Throttled>() is { } throttled)
        {
            await WriteThrottledAsync(Context, problems, throttled.RetryAfter);
            return;
        }
        var rejected = Context.Features.Get<Rejected>();
        if (rejected?.Kind == CredentialKind.Session) Response.Cookies.Delete(SessionCookie, CookieOptions(Request, null));
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = rejected is null ? Challenge : $"{Challenge}, error=\"invalid_token\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized, Title = "Authentication required",
                Detail = rejected is null
                    ? "Send an API key as Authorization: Bearer <key>, or sign in with POST /api/v1/session."
                    : "The API key or session is not valid (wrong, deleted, expired, or its user is disabled).",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Not allowed", Detail = "Your role does not allow this request." },
        });
    }

    /// <summary>429 with <c>Retry-After</c> in whole seconds.</summary>
    public static async Task WriteThrottledAsync(HttpContext context, IProblemDetailsService problems, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests",
                Detail = $"Too many attempts; try again in {seconds} seconds.",
            },
        });
    }

    /// <summary>The session cookie's options: HttpOnly, SameSite=Strict, Secure over HTTPS.</summary>
    public static CookieOptions CookieOptions(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps, Path = "/", Expires = expires, IsEssential = true,
    };

    private static (string? Token, CredentialKind Kind) TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
            return (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header, CredentialKind.Key);
        return (request.Cookies[SessionCookie], CredentialKind.Session);
    }

    private sealed record Throttled(TimeSpan RetryAfter);

    private sealed record Rejected(CredentialKind Kind);
}

/// <summary>The browser session a request came with: its id and the CSRF token its writes must carry.</summary>
public sealed record SignedInSession(string Id, string CsrfToken, DateTimeOffset? ExpiresAt);
