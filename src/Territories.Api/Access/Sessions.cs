using Microsoft.Extensions.Options;
using Territories.Storage;

namespace Territories.Api.Access;

/// <summary>Starts and ends browser sessions: a stored session credential and its HttpOnly, SameSite=Strict cookie.</summary>
public sealed class Sessions(TerritoryStore store, CallerDirectory directory, TimeProvider time, IOptions<AccessSettings> settings)
{
    /// <summary>Starts a session for the user, sets its cookie and answers what the web page needs (its CSRF token).</summary>
    public async Task<SignedInSession> StartAsync(HttpContext context, UserRecord user, CancellationToken cancel)
    {
        var now = time.GetUtcNow();
        var expires = now + settings.Value.Session;
        await store.Credentials.DeleteExpiredSessionsAsync(cancel);
        var (record, token) = CredentialSecrets.Issue(user.Id, CredentialKind.Session, null, now, expires);
        await store.Credentials.CreateAsync(record, cancel);
        context.Response.Cookies.Append(CredentialAuthentication.SessionCookie, token, CredentialAuthentication.CookieOptions(context.Request, expires));
        context.User = Caller.Principal(user, Caller.ViaSession, CredentialAuthentication.SchemeName);
        return new SignedInSession(record.Id, CredentialSecrets.CsrfToken(CredentialSecrets.Parse(token, CredentialKind.Session)!.Value.Secret), expires);
    }

    /// <summary>Ends the request's session, if it came with one, and removes the cookie.</summary>
    public async Task EndAsync(HttpContext context, CancellationToken cancel)
    {
        if (context.Features.Get<SignedInSession>() is { } session)
        {
            await store.Credentials.DeleteAsync(session.Id, cancel);
            directory.Forget();
        }
        context.Response.Cookies.Delete(CredentialAuthentication.SessionCookie, CredentialAuthentication.CookieOptions(context.Request, null));
    }
}
