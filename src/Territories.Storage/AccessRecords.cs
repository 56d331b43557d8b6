namespace Territories.Storage;

/// <summary>A person or script that may call the service.</summary>
/// <param name="Role">viewer, hr, planner, manager or admin (the service checks the value; the store keeps it).</param>
/// <param name="PasswordHash">A password hash (ASP.NET Core Identity format), or null for a user who signs in with keys only.</param>
/// <param name="ExternalSubject">The issuer and subject of a user created by an external OpenID Connect sign-in.</param>
/// <param name="Version">Starts at 1 and grows by one on every change.</param>
public sealed record UserRecord(string Id, string Name, string Role, string? PasswordHash, string? ExternalSubject, bool Disabled, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a user record is created with.</summary>
public sealed record NewUser(string Name, string Role, string? PasswordHash, string? ExternalSubject = null);

/// <summary>A change to a user; a null field stays as it is.</summary>
public sealed record UserChange(string? Role = null, bool? Disabled = null, string? PasswordHash = null);

/// <summary>An API key (lives until deleted) or a browser session (lives until it expires or its user signs out).</summary>
public enum CredentialKind { Key, Session }

/// <summary>A stored credential: never the secret itself, only a random salt and SHA-256(salt || secret).</summary>
/// <param name="Name">A label the user gave a key ("ci", "laptop"); null for sessions.</param>
/// <param name="Prefixless">True for a key sent without its id (the configured bootstrap key).</param>
public sealed record CredentialRecord(string Id, string UserId, CredentialKind Kind, string? Name, string Salt, string Hash, bool Prefixless,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>One successful write: who made it, when, the request's method and path, and the object and version it produced.</summary>
public sealed record AuditEntry(long Seq, DateTimeOffset At, string? UserId, string? UserName, string Method, string Path, string? ObjectId, int? Version,
    int Status);
