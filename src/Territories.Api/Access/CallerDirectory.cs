using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Territories.Storage;

namespace Territories.Api.Access;

/// <summary>
/// Finds the credential a token names and the user who holds it, with a short cache (setting
/// <see cref="AccessSettings.CacheSeconds"/>) so that a request costs no store query; every change to users or
/// credentials made through this instance empties the cache, so a disabled user or a deleted key stops at once here
/// (other instances of a shared PostgreSQL store follow within the cache time).
/// </summary>
public sealed class CallerDirectory(TerritoryStore store, TimeProvider time, IOptions<AccessSettings> settings)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Cached<Holder>> _byCredential = new();
    private Cached<IReadOnlyList<CredentialRecord>>? _prefixless;

    /// <summary>A credential with the user who holds it.</summary>
    public sealed record Holder(CredentialRecord Credential, UserRecord User);

    private sealed record Cached<T>(T Value, DateTimeOffset Until);

    /// <summary>The holder of a valid token (kind and secret checked; the user may be disabled), or null.</summary>
    public async Task<Holder?> MatchAsync(string token, CredentialKind kind, CancellationToken cancel)
    {
        if (CredentialSecrets.Parse(token, kind) is { } parsed)
            return await FindAsync(parsed.Id, cancel) is { } holder && holder.Credential.Kind == kind && CredentialSecrets.Matches(holder.Credential, parsed.Secret)
                ? holder
                : null;
        if (kind != CredentialKind.Key) return null;
        foreach (var candidate in await PrefixlessAsync(cancel))
            if (CredentialSecrets.Matches(candidate, token)) return await FindAsync(candidate.Id, cancel);
        return null;
    }

    /// <summary>Forgets everything cached: call after any change to a user or credential.</summary>
    public void Forget()
    {
        _byCredential.Clear();
        _prefixless = null;
    }

    private async Task<Holder?> FindAsync(string credentialId, CancellationToken cancel)
    {
        var now = time.GetUtcNow();
        if (_byCredential.TryGetValue(credentialId, out var cached) && cached.Until > now)
            return cached.Value.Credential.ExpiresAt is { } expires && expires <= now ? null : cached.Value;
        if (await store.Credentials.GetAsync(credentialId, cancel) is not { } credential) return null;
        if (await store.Users.GetAsync(credential.UserId, cancel) is not { } user) return null;
        var holder = new Holder(credential, user);
        if (_byCredential.Count >= MaxEntries) _byCredential.Clear();
        _byCredential[credentialId] = new Cached<Holder>(holder, now + settings.Value.Cache);
        return holder;
    }

    private async Task<IReadOnlyList<CredentialRecord>> PrefixlessAsync(CancellationToken cancel)
    {
        var now = time.GetUtcNow();
        if (_prefixless is { } cached && cached.Until > now) return cached.Value;
        var rows = await store.Credentials.ListPrefixlessAsync(cancel);
        _prefixless = new Cached<IReadOnlyList<CredentialRecord>>(rows, now + settings.Value.Cache);
        return rows;
    }
}
