using System.Security.Cryptography;
using System.Text;
using Territories.Storage;

namespace Territories.Api.Access;

/// <summary>
/// API keys and session tokens: 256 random bits behind the credential's id (<c>tk_&lt;id&gt;_&lt;secret&gt;</c> for keys,
/// <c>ts_…</c> for sessions), stored as a random salt and SHA-256(salt || secret), checked in constant time. A fast
/// hash is the right one here: the secret is random, not a guessable password. The configured bootstrap key has no id
/// and is matched against the few prefixless rows.
/// </summary>
public static class CredentialSecrets
{
    private const string KeyPrefix = "tk_";
    private const string SessionPrefix = "ts_";
    private const int IdLength = 32;

    /// <summary>A new credential for the user: the record to store and the token to hand out once.</summary>
    public static (CredentialRecord Record, string Token) Issue(string userId, CredentialKind kind, string? name, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var (salt, hash) = Hash(secret);
        var prefix = kind == CredentialKind.Key ? KeyPrefix : SessionPrefix;
        return (new CredentialRecord(id, userId, kind, name, salt, hash, false, now, expiresAt), $"{prefix}{id}_{secret}");
    }

    /// <summary>The record of an operator-chosen key (the bootstrap key), sent as it is.</summary>
    public static CredentialRecord Prefixless(string userId, string key, string name, DateTimeOffset now)
    {
        var (salt, hash) = Hash(key);
        return new CredentialRecord(Guid.CreateVersion7().ToString("N"), userId, CredentialKind.Key, name, salt, hash, true, now, null);
    }

    /// <summary>The credential id and secret in a token of the given kind; null when the token is not of that shape.</summary>
    public static (string Id, string Secret)? Parse(string token, CredentialKind kind)
    {
        var prefix = kind == CredentialKind.Key ? KeyPrefix : SessionPrefix;
        if (token.Length < prefix.Length + IdLength + 2 || !token.StartsWith(prefix, StringComparison.Ordinal) || token[prefix.Length + IdLength] != '_')
            return null;
        var id = token.Substring(prefix.Length, IdLength);
        return id.All(char.IsAsciiHexDigitLower) ? (id, token[(prefix.Length + IdLength + 1)..]) : null;
    }

    /// <summary>True when <paramref name="secret"/> is the one the record was issued for (constant time in the secret).</summary>
    public static bool Matches(CredentialRecord record, string secret)
    {
        var expected = Convert.FromBase64String(record.Hash);
        var actual = Digest(Convert.FromBase64String(record.Salt), secret);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>
    /// The CSRF token of a session: an HMAC of a fixed label under the session's secret. Only the server (which sees the
    /// HttpOnly cookie) can compute it; the web page gets it from the sign-in answer or <c>GET /api/v1/session</c>.
    /// </summary>
    public static string CsrfToken(string sessionSecret) =>
        Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(sessionSecret), "territories csrf v1"u8));

    public static bool SameToken(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private static (string Salt, string Hash) Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return (Convert.ToBase64String(salt), Convert.ToBase64String(Digest(salt, secret)));
    }

    private static byte[] Digest(byte[] salt, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + bytes.Length];
        salt.CopyTo(input, 0);
        bytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
