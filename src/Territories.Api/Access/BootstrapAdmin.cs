using Territories.Storage;

namespace Territories.Api.Access;

/// <summary>
/// While the store holds no user: creates <c>admin</c> (role admin) with the configured key
/// (<c>Territories:Auth:BootstrapAdminKey</c>, at least 32 characters), or with a random key written to the log this
/// once. Several instances starting at once create one admin between them.
/// </summary>
public static class BootstrapAdmin
{
    public const string Name = "admin";

    public static async Task EnsureAsync(TerritoryStore store, AccessSettings settings, TimeProvider time, ILogger log)
    {
        if (settings.BootstrapAdminKey is { Length: > 0 and < AccessSettings.MinBootstrapKeyLength })
            throw new InvalidOperationException(
                $"The setting Territories:Auth:BootstrapAdminKey is shorter than {AccessSettings.MinBootstrapKeyLength} characters; use a long random value (e.g. openssl rand -base64 32).");
        if (await store.Users.CountAsync() > 0) return;
        var configured = settings.BootstrapAdminKey is { Length: > 0 } given ? given : null;
        string? issued = null;
        var created = await store.Users.CreateFirstAsync(new NewUser(Name, Roles.Admin, null), user =>
        {
            if (configured is not null) return CredentialSecrets.Prefixless(user.Id, configured, "bootstrap", time.GetUtcNow());
            var (record, token) = CredentialSecrets.Issue(user.Id, CredentialKind.Key, "bootstrap", time.GetUtcNow(), null);
            issued = token;
            return record;
        });
        if (created is null) return;
        if (issued is not null)
            log.LogWarning("Created the user \"admin\" with the API key {Key} . It is shown this once: store it now, then create users and keys with it.", issued);
        else
            log.LogInformation("Created the user \"admin\" with the key from the setting Territories:Auth:BootstrapAdminKey.");
    }
}
