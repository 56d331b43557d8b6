using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Territories.Storage;

namespace Territories.Api.Access;

/// <summary>
/// The optional sign-in through an external OpenID Connect provider (authorization code flow with PKCE). Off unless
/// <c>Territories:Auth:Oidc:Authority</c> is set. After the provider signs the person in, the user of that issuer and
/// subject is found or created (named by <see cref="OidcSettings.NameClaim"/>), its role set from
/// <see cref="OidcSettings.RoleClaim"/> through <see cref="OidcSettings.RoleMap"/>, and an ordinary session cookie
/// is issued; a disabled user, or one no claim maps to a role (without a default role), is refused.
/// </summary>
public static class ExternalSignIn
{
    public const string Scheme = "oidc";
    private const string CorrelationScheme = "oidc-correlation";

    public static void Add(AuthenticationBuilder authentication, OidcSettings oidc)
    {
        if (!oidc.Enabled) return;
        authentication.AddCookie(CorrelationScheme, cookie => cookie.Cookie.SameSite = SameSiteMode.Lax);
        authentication.AddOpenIdConnect(Scheme, options =>
        {
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.CallbackPath = oidc.CallbackPath;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SignInScheme = CorrelationScheme;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" }) options.Scope.Add(scope);
            options.Events.OnTicketReceived = context => SignInAsync(context, oidc);
        });
    }

    /// <summary>The role the claims map to (the highest of them), the default role, or null when the user gets none.</summary>
    public static string? RoleOf(ClaimsPrincipal principal, OidcSettings oidc)
    {
        var mapped = principal.FindAll(oidc.RoleClaim)
            .Select(c => oidc.RoleMap.TryGetValue(c.Value, out var role) ? role : null)
            .Where(role => role is not null && Roles.IsKnown(role))
            .MaxBy(role => Roles.Rank(role!));
        return mapped ?? (Roles.IsKnown(oidc.DefaultRole) ? oidc.DefaultRole : null);
    }

    /// <summary>Finds or creates the user of the external identity with its current role; null when it may not sign in.</summary>
    public static async Task<UserRecord?> ProvisionAsync(TerritoryStore store, ClaimsPrincipal principal, OidcSettings oidc, CancellationToken cancel)
    {
        var issuer = principal.FindFirstValue("iss") ?? oidc.Authority;
        if (principal.FindFirstValue("sub") is not { Length: > 0 } sub || RoleOf(principal, oidc) is not { } role) return null;
        var subject = $"{issuer}|{sub}";
        var user = await store.Users.GetByExternalSubjectAsync(subject, cancel);
        if (user is null)
        {
            var name = principal.FindFirstValue(oidc.NameClaim) is { Length: > 0 } n ? n : sub;
            user = await store.Users.CreateAsync(new NewUser(name, role, null, subject), cancel)
                   ?? await store.Users.CreateAsync(new NewUser($"{name}@{new Uri(issuer).Host}", role, null, subject), cancel);
            return user;
        }
        if (user.Disabled) return null;
        return user.Role == role ? user : (await store.Users.UpdateAsync(user.Id, new UserChange(Role: role), null, cancel)).Value;
    }

    private static async Task SignInAsync(TicketReceivedContext context, OidcSettings oidc)
    {
        var services = context.HttpContext.RequestServices;
        var user = await ProvisionAsync(services.GetRequiredService<TerritoryStore>(), context.Principal!, oidc, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.HandleResponse();
            return;
        }
        services.GetRequiredService<CallerDirectory>().Forget();
        await services.GetRequiredService<Sessions>().StartAsync(context.HttpContext, user, context.HttpContext.RequestAborted);
        context.Response.Redirect("/");
        context.HandleResponse();
    }
}
