using Territories.Storage;

namespace Territories.Api.Resources;

/// <summary>A user as admins see it: never its password or keys.</summary>
/// <param name="External">True for a user created by an external (OpenID Connect) sign-in.</param>
public sealed record UserResource(string Id, string Name, string Role, bool Disabled, bool HasPassword, bool External, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserResource Of(UserRecord u) =>
        new(u.Id, u.Name, u.Role, u.Disabled, u.PasswordHash is not null, u.ExternalSubject is not null, u.Version, u.CreatedAt, u.UpdatedAt);
}

/// <summary>The caller.</summary>
/// <param name="Via">key or session: how this request proved who it is.</param>
public sealed record MeResource(string Id, string Name, string Role, string Via);

/// <summary>An API key as listed: its id and label, never the key.</summary>
public sealed record KeyResource(string Id, string UserId, string? Name, DateTimeOffset CreatedAt)
{
    public static KeyResource Of(CredentialRecord c) => new(c.Id, c.UserId, c.Name, c.CreatedAt);
}

/// <summary>A key just created: the only answer that ever holds <paramref name="Key"/>.</summary>
/// <param name="Key">Send it as <c>Authorization: Bearer &lt;key&gt;</c>. It is stored only as a salted hash and cannot be shown again.</param>
public sealed record CreatedKeyResource(string Id, string Key, string UserId, string? Name, DateTimeOffset CreatedAt);

/// <summary>A browser session: who is signed in, until when, and the token its writes must send in <c>X-CSRF-Token</c>.</summary>
public sealed record SessionResource(string Id, string Name, string Role, string CsrfToken, DateTimeOffset? ExpiresAt);

/// <summary>One successful write.</summary>
/// <param name="Seq">Orders entries of the same millisecond.</param>
/// <param name="ObjectId">The id of the object written (created, changed or deleted), when the request names one.</param>
/// <param name="Version">The object's version after the write, when it has one.</param>
public sealed record AuditResource(long Seq, DateTimeOffset At, string? UserId, string? UserName, string Method, string Path, string? ObjectId,
    int? Version, int Status)
{
    public static AuditResource Of(AuditEntry e) => new(e.Seq, e.At, e.UserId, e.UserName, e.Method, e.Path, e.ObjectId, e.Version, e.Status);
}
