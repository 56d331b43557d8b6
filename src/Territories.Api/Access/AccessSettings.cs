namespace Territories.Api.Access;

/// <summary>Identity and access settings, the <c>Territories:Auth</c> section (environment: <c>Territories__Auth__Name</c>).</summary>
public sealed class AccessSettings
{
    public const string Section = "Territories:Auth";

    /// <summary>The shortest bootstrap admin key accepted.</summary>
    public const int MinBootstrapKeyLength = 32;

    /// <summary>
    /// While the store holds no user, the first start creates the user <c>admin</c> (role admin) with this API key (at
    /// least 32 characters). Without it, the first start makes a random key and writes it to the log once.
    /// </summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>How long a browser session lasts after sign-in.</summary>
    public double SessionHours { get; set; } = 12;

    /// <summary>How long a user's state (role, disabled) and a credential are cached; changes made through this instance apply at once.</summary>
    public double CacheSeconds { get; set; } = 2;

    /// <summary>The shortest password accepted for a user.</summary>
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>The window over which failed sign-ins and failed key checks are counted.</summary>
    public double FailureWindowSeconds { get; set; } = 300;

    /// <summary>Failed sign-ins or key checks allowed per name (user name or key id) and client address in a window; then 429.</summary>
    public int FailuresPerNameAndAddress { get; set; } = 10;

    /// <summary>Failed sign-ins or key checks allowed per client address in a window, whatever the names; then 429.</summary>
    public int FailuresPerAddress { get; set; } = 100;

    /// <summary>Stateless computations (solve, analyze, quotas, hiring) allowed per user and minute.</summary>
    public int SolvesPerMinute { get; set; } = 60;

    /// <summary>Run submissions allowed per user and minute.</summary>
    public int RunsPerMinute { get; set; } = 30;

    /// <summary>The optional external OpenID Connect sign-in; off while <see cref="OidcSettings.Authority"/> is empty.</summary>
    public OidcSettings Oidc { get; set; } = new();

    public TimeSpan Session => TimeSpan.FromHours(SessionHours);
    public TimeSpan Cache => TimeSpan.FromSeconds(CacheSeconds);
    public TimeSpan FailureWindow => TimeSpan.FromSeconds(FailureWindowSeconds);
}

/// <summary>Sign-in through an external OpenID Connect provider (Keycloak, Entra ID, Okta, Google Workspace …), mapped onto the service's roles.</summary>
public sealed class OidcSettings
{
    /// <summary>The provider's issuer URL; empty (the default) turns external sign-in off.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>The client secret; set it through the environment or a secret store, never in a checked-in file.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Where the provider sends the browser back to.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>The claim that names the user in this service.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>The claim whose values are mapped onto roles through <see cref="RoleMap"/> (e.g. <c>groups</c> or <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>From a value of <see cref="RoleClaim"/> to a role; the highest role any value maps to wins.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>The role of a user no value maps; empty (the default) refuses such users.</summary>
    public string DefaultRole { get; set; } = "";

    public bool Enabled => Authority.Length > 0;
}
