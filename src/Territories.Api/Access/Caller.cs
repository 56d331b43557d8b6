using System.Security.Claims;
using Territories.Storage;

namespace Territories.Api.Access;

/// <summary>The authenticated user of a request, as the endpoints see it.</summary>
/// <param name="Via">key or session: how the caller proved who it is.</param>
public sealed record Caller(string Id, string Name, string Role, string Via)
{
    public const string ViaKey = "key";
    public const string ViaSession = "session";
    private const string ViaClaim = "territories:via";

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Only the owner, a manager or an admin may change or delete a scenario or cancel its runs.</summary>
    public bool MayChangeOwnedBy(string? ownerId) => ownerId == Id || Role is Roles.Manager or Roles.Admin;

    /// <summary>Minimal API binding: the caller of an endpoint that requires authentication.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult(Of(context.User));

    public static Caller? Of(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new Caller(id, user.FindFirstValue(ClaimTypes.Name)!, user.FindFirstValue(ClaimTypes.Role)!, user.FindFirstValue(ViaClaim)!)
            : null;

    public static ClaimsPrincipal Principal(UserRecord user, string via, string scheme) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role),
            new Claim(ViaClaim, via),
        ], scheme));
}
