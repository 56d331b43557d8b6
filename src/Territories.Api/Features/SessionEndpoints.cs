using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Territories.Api.Bodies;
using Territories.Api.Access;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary>Browser sign-in with name and password (a session cookie), the session's CSRF token, sign-out, and the optional external sign-in.</summary>
public static class SessionEndpoints
{
    public static void MapSession(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/v1/session").WithTags("Session");
        session.MapPost("/", SignIn).AllowAnonymous().WithMetadata(new SignInEndpoint()).Accepts<JsonElement>("application/json").WithName("SignIn")
            .WithSummary("Sign in with name and password")
            .WithDescription("Body { name, password }. Sets the HttpOnly, SameSite=Strict session cookie (Secure over HTTPS) and answers the CSRF token that writes made with the cookie must send in X-CSRF-Token. Repeated failures for a name and address answer 429 with Retry-After.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        session.MapGet("/", Current).ForMembers().WithName("GetSession")
            .WithSummary("The current session and its CSRF token")
            .WithDescription("For a caller signed in with the cookie: who, until when, and the CSRF token. A caller with an API key has no session (404).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        session.MapDelete("/", SignOut).AllowAnonymous().WithName("SignOut")
            .WithSummary("Sign out").WithDescription("Ends the session and removes its cookie; with the cookie it needs the CSRF token like any write.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        session.MapGet("/oidc", External).AllowAnonymous().WithName("SignInExternal")
            .WithSummary("Sign in through the external identity provider")
            .WithDescription("Redirects the browser to the OpenID Connect provider set in Territories:Auth:Oidc; back from it, the session cookie is set and the browser goes to /. 404 while no provider is set.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<SessionResource>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> SignIn(HttpContext context, TerritoryStore store,
        IPasswordHasher<UserRecord> hasher, FailureLimiter limiter, Sessions sessions, IProblemDetailsService problems, CancellationToken cancel)
    {
        var (credentials, invalid) = await ContractBody.ReadAsync(context.Request, BodySize.Small, (root, errors) =>
        {
            if (JsonFields.Of(root, "", errors) is not { } fields) return null;
            var name = fields.String("name", required: true);
            var password = fields.Secret("password");
            if (password is null) fields.Error("password", "is required");
            fields.RejectUnknown();
            return new Credentials(name ?? "", password ?? "");
        }, cancel);
        if (invalid is not null) return invalid;
        var address = FailureLimiter.AddressOf(context);
        if (limiter.RetryAfter(credentials!.Name, address) is { } wait)
        {
            await CredentialAuthentication.WriteThrottledAsync(context, problems, wait);
            return TypedResults.Empty;
        }
        var user = await store.Users.GetByNameAsync(credentials.Name, cancel);
        if (!PasswordMatches(hasher, user, credentials.Password) || user!.Disabled)
        {
            limiter.Failed(credentials.Name, address);
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"territories\"";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The name or password is wrong, or the user is disabled.");
        }
        var session = await sessions.StartAsync(context, user, cancel);
        return TypedResults.Ok(new SessionResource(user.Id, user.Name, user.Role, session.CsrfToken, session.ExpiresAt));
    }

    public static Results<Ok<SessionResource>, ProblemHttpResult> Current(HttpContext context, Caller caller) =>
        context.Features.Get<SignedInSession>() is { } session
            ? TypedResults.Ok(new SessionResource(caller.Id, caller.Name, caller.Role, session.CsrfToken, session.ExpiresAt))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No session", detail: "This request came with an API key, not a session cookie.");

    public static async Task<NoContent> SignOut(HttpContext context, Sessions sessions, CancellationToken cancel)
    {
        await sessions.EndAsync(context, cancel);
        return TypedResults.NoContent();
    }

    public static Results<ChallengeHttpResult, ProblemHttpResult> External(IOptions<AccessSettings> settings) =>
        settings.Value.Oidc.Enabled
            ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [ExternalSignIn.Scheme])
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No external sign-in",
                detail: "No OpenID Connect provider is set (Territories:Auth:Oidc:Authority).");

    /// <summary>Verifies the password; for an unknown user or one without a password, still spends a hash's time so the answer does not tell names apart.</summary>
    private static bool PasswordMatches(IPasswordHasher<UserRecord> hasher, UserRecord? user, string password)
    {
        if (user?.PasswordHash is not { } hash)
        {
            hasher.VerifyHashedPassword(null!, DecoyHash.Value, password);
            return false;
        }
        return hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;
    }

    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<UserRecord>().HashPassword(null!, Guid.NewGuid().ToString()));

    private sealed record Credentials(string Name, string Password);
}
