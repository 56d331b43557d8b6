using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Territories.Storage;

namespace Territories.Api.Access;

/// <summary>Identity and access in two calls: the services (<see cref="AddTerritoriesAccess"/>) and the middleware (<see cref="UseTerritoriesAccess"/>).</summary>
public static class AccessSetup
{
    public static IServiceCollection AddTerritoriesAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AccessSettings.Section).Get<AccessSettings>() ?? new AccessSettings();
        services.AddSingleton(Options.Create(settings));
        services.AddSingleton<CallerDirectory>();
        services.AddSingleton<FailureLimiter>();
        services.AddSingleton<Sessions>();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        var authentication = services.AddAuthentication(CredentialAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CredentialAuthentication>(CredentialAuthentication.SchemeName, null);
        ExternalSignIn.Add(authentication, settings.Oidc);
        services.AddAuthorization(AccessPolicies.Add);
        services.AddRateLimiter(options => ComputeLimits.Add(options, settings));
        return services;
    }

    /// <summary>Security headers, authentication, the CSRF check, authorization, rate limits and the audit trail, in that order.</summary>
    public static WebApplication UseTerritoriesAccess(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseAuthentication();
        app.UseMiddleware<CsrfDefence>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<AuditTrail>();
        return app;
    }

    /// <summary>Creates the bootstrap admin while the store holds no user (see <see cref="BootstrapAdmin"/>).</summary>
    public static Task BootstrapAdminAsync(this WebApplication app) =>
        BootstrapAdmin.EnsureAsync(app.Services.GetRequiredService<TerritoryStore>(), app.Services.GetRequiredService<IOptions<AccessSettings>>().Value,
            app.Services.GetRequiredService<TimeProvider>(), app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Territories.Access"));
}
