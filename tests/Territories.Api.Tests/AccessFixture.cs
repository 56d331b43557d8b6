using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Territories.Api.Tests;

/// <summary>Users and keys for the access tests, made through the API with the bootstrap admin's key.</summary>
public sealed class People(ServiceHost host)
{
    public ServiceClient Admin { get; } = new(host.CreateClient());

    /// <summary>Creates a user (with a password when given) and one key; answers its id and key.</summary>
    public async Task<(string Id, string Key)> Create(string name, string role, string? password = null)
    {
        var body = password is null ? $$"""{ "name": "{{name}}", "role": "{{role}}" }""" : $$"""{ "name": "{{name}}", "role": "{{role}}", "password": "{{password}}" }""";
        var user = await Admin.Post("/api/v1/users", body);
        Assert.Equal(HttpStatusCode.Created, user.Status);
        var key = await Admin.Post($"/api/v1/users/{user.Id}/keys");
        Assert.Equal(HttpStatusCode.Created, key.Status);
        return (user.Id, key.Body.GetProperty("key").GetString()!);
    }

    public async Task SetDisabled(string userId, bool disabled) =>
        Assert.Equal(HttpStatusCode.OK, (await Admin.Send(Patch($"/api/v1/users/{userId}", $$"""{ "disabled": {{(disabled ? "true" : "false")}} }"""))).Status);

    public ServiceClient As(string key) => new(host.WithKey(key));

    public static HttpRequestMessage Patch(string path, string json) =>
        new(HttpMethod.Patch, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Signs in with a fresh cookie jar from <paramref name="address"/>; answers the client and the CSRF token.</summary>
    public async Task<(HttpClient Browser, HttpResponseMessage Answer)> SignIn(string name, string password, string? address = null)
    {
        var browser = host.Anonymous();
        if (address is not null) browser.DefaultRequestHeaders.Add(ServiceHost.ClientAddressHeader, address);
        var answer = await browser.PostAsJsonAsync("/api/v1/session", new { name, password });
        return (browser, answer);
    }

    public static async Task<string> CsrfToken(HttpResponseMessage signIn) =>
        JsonDocument.Parse(await signIn.Content.ReadAsStringAsync()).RootElement.GetProperty("csrfToken").GetString()!;
}
