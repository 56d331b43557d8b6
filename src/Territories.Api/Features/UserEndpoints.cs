using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Territories.Api.Bodies;
using Territories.Api.Access;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Storage;

namespace Territories.Api.Features;

/// <summary>Users (admin only), their API keys (an admin, or the user for itself) and <c>GET /api/v1/me</c>.</summary>
public static partial class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users");
        users.MapGet("/", List).ForAdmins().WithName("ListUsers")
            .WithSummary("List users").WithDescription("Every user with its role and state, by name. Admin only.");
        users.MapPost("/", Create).ForAdmins().Accepts<JsonElement>("application/json").WithName("CreateUser")
            .WithSummary("Create a user")
            .WithDescription("Body { name, role, password? }: role is viewer, hr, planner, manager or admin; without a password the user signs in with keys only. 409 when the name is taken. Admin only.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        users.MapGet("/{id}", Get).ForAdmins().WithName("GetUser")
            .WithSummary("Read a user").WithDescription("The user with its version as ETag. Admin only.").ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPatch("/{id}", Update).ForAdmins().Accepts<JsonElement>("application/json").WithName("UpdateUser")
            .WithSummary("Change a user's role, state or password")
            .WithDescription("Body { role?, disabled?, password? }. Disabling a user stops its keys and sessions at once. The last enabled admin cannot be demoted or disabled (409). If-Match makes the change conditional (412). Admin only.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        users.MapPost("/{id}/keys", CreateKey).ForMembers().Accepts<JsonElement>("application/json").WithName("CreateKey").WithTags("Keys")
            .WithSummary("Create an API key")
            .WithDescription("Optional body { name } labels the key. The answer is the only time the key is shown; it is stored as a salted hash. An admin may create keys for anyone, others for themselves (another user's id answers 404).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/{id}/keys", ListKeys).ForMembers().WithName("ListKeys").WithTags("Keys")
            .WithSummary("List a user's API keys")
            .WithDescription("Ids, labels and creation times, never the keys. An admin may list anyone's, others their own (another user's id answers 404).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapDelete("/api/v1/keys/{id}", DeleteKey).ForMembers().WithName("DeleteKey").WithTags("Keys")
            .WithSummary("Delete an API key")
            .WithDescription("The key stops working at once. An admin may delete anyone's key, others their own (another user's key answers 404).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/me", Me).ForMembers().WithName("GetMe").WithTags("Users")
            .WithSummary("Who am I").WithDescription("The caller's id, name and role, and whether it came with a key or a session.");
    }

    public static async Task<Ok<IReadOnlyList<UserResource>>> List(TerritoryStore store, CancellationToken cancel) =>
        TypedResults.Ok<IReadOnlyList<UserResource>>((await store.Users.ListAsync(cancel)).Select(UserResource.Of).ToList());

    public static async Task<Results<Created<UserResource>, ValidationProblem, ProblemHttpResult>> Create(HttpRequest request, TerritoryStore store,
        IPasswordHasher<UserRecord> hasher, IOptions<AccessSettings> settings, CallerDirectory directory, CancellationToken cancel)
    {
        var (body, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, (root, errors) =>
        {
            if (JsonFields.Of(root, "", errors) is not { } fields) return null;
            var name = fields.String("name", required: true);
            if (name is not null && !UserName().IsMatch(name))
                fields.Error("name", "must be 1 to 64 letters, digits or . _ - @");
            var role = RoleField(fields, required: true);
            var password = PasswordField(fields, settings.Value);
            fields.RejectUnknown();
            return new NewUser(name ?? "", role ?? "", password is null ? null : hasher.HashPassword(null!, password));
        }, cancel);
        if (invalid is not null) return invalid;
        if (await store.Users.CreateAsync(body!, cancel) is not { } user)
            return ApiProblems.Conflict("The name is taken", $"There is already a user named \"{body!.Name}\".");
        directory.Forget();
        ETags.Set(request.HttpContext.Response, user.Version);
        return TypedResults.Created($"/api/v1/users/{user.Id}", UserResource.Of(user));
    }

    public static async Task<Results<Ok<UserResource>, ProblemHttpResult>> Get(string id, HttpResponse response, TerritoryStore store, CancellationToken cancel)
    {
        if (await store.Users.GetAsync(id, cancel) is not { } user) return ApiProblems.NotFound("user", id);
        ETags.Set(response, user.Version);
        return TypedResults.Ok(UserResource.Of(user));
    }

    public static async Task<Results<Ok<UserResource>, ValidationProblem, ProblemHttpResult>> Update(string id, HttpRequest request, TerritoryStore store,
        IPasswordHasher<UserRecord> hasher, IOptions<AccessSettings> settings, CallerDirectory directory, CancellationToken cancel)
    {
        var (change, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, (root, errors) =>
        {
            if (JsonFields.Of(root, "", errors) is not { } fields) return null;
            var role = RoleField(fields, required: false);
            var disabled = fields.Bool("disabled");
            var password = PasswordField(fields, settings.Value);
            fields.RejectUnknown();
            return new UserChange(role, disabled, password is null ? null : hasher.HashPassword(null!, password));
        }, cancel);
        if (invalid is not null) return invalid;
        if (await store.Users.GetAsync(id, cancel) is not { } current) return ApiProblems.NotFound("user", id);
        var losesAdmin = current is { Role: Roles.Admin, Disabled: false } && (change!.Disabled == true || change.Role is { } r && r != Roles.Admin);
        if (losesAdmin && await store.Users.CountEnabledAsync(Roles.Admin, cancel) <= 1)
            return ApiProblems.Conflict("The last admin", $"User \"{current.Name}\" is the only enabled admin; make another admin first.");
        var write = await store.Users.UpdateAsync(id, change!, ETags.RequiredVersion(request), cancel);
        directory.Forget();
        switch (write.Outcome)
        {
            case WriteOutcome.NotFound: return ApiProblems.NotFound("user", id);
            case WriteOutcome.VersionMismatch: return ApiProblems.Stale("user", id, write.Value!.Version);
        }
        ETags.Set(request.HttpContext.Response, write.Value!.Version);
        return TypedResults.Ok(UserResource.Of(write.Value));
    }

    public static async Task<Results<Created<CreatedKeyResource>, ValidationProblem, ProblemHttpResult>> CreateKey(string id, HttpRequest request, Caller caller,
        TerritoryStore store, TimeProvider time, CancellationToken cancel)
    {
        if (await VisibleUserAsync(id, caller, store, cancel) is not { } user) return ApiProblems.NotFound("user", id);
        string? label = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, invalid) = await ContractBody.ReadAsync(request, BodySize.Small, (root, errors) =>
            {
                if (JsonFields.Of(root, "", errors) is not { } fields) return null;
                var name = fields.String("name");
                if (name is { Length: > 100 }) fields.Error("name", "must be at most 100 characters");
                fields.RejectUnknown();
                return new KeyLabel(name);
            }, cancel);
            if (invalid is not null) return invalid;
            label = body!.Name;
        }
        var (record, key) = CredentialSecrets.Issue(user.Id, CredentialKind.Key, label, time.GetUtcNow(), null);
        await store.Credentials.CreateAsync(record, cancel);
        return TypedResults.Created($"/api/v1/keys/{record.Id}", new CreatedKeyResource(record.Id, key, user.Id, label, record.CreatedAt));
    }

    public static async Task<Results<Ok<IReadOnlyList<KeyResource>>, ProblemHttpResult>> ListKeys(string id, Caller caller, TerritoryStore store, CancellationToken cancel)
    {
        if (await VisibleUserAsync(id, caller, store, cancel) is not { } user) return ApiProblems.NotFound("user", id);
        return TypedResults.Ok<IReadOnlyList<KeyResource>>((await store.Credentials.ListKeysAsync(user.Id, cancel)).Select(KeyResource.Of).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteKey(string id, Caller caller, TerritoryStore store, CallerDirectory directory,
        CancellationToken cancel)
    {
        if (await store.Credentials.GetAsync(id, cancel) is not { Kind: CredentialKind.Key } key || (!caller.IsAdmin && key.UserId != caller.Id))
            return ApiProblems.NotFound("key", id);
        await store.Credentials.DeleteAsync(id, cancel);
        directory.Forget();
        return TypedResults.NoContent();
    }

    public static Ok<MeResource> Me(Caller caller) => TypedResults.Ok(new MeResource(caller.Id, caller.Name, caller.Role, caller.Via));

    /// <summary>The user, when the caller may see it: an admin sees everyone, others only themselves.</summary>
    private static async Task<UserRecord?> VisibleUserAsync(string id, Caller caller, TerritoryStore store, CancellationToken cancel) =>
        caller.IsAdmin || caller.Id == id ? await store.Users.GetAsync(id, cancel) : null;

    private static string? RoleField(JsonFields fields, bool required)
    {
        var role = fields.String("role", required);
        if (role is not null && !Roles.IsKnown(role)) fields.Error("role", $"must be one of {string.Join(", ", Roles.All)}");
        return role;
    }

    private static string? PasswordField(JsonFields fields, AccessSettings settings)
    {
        var password = fields.Secret("password");
        if (password is not null && password.Length < settings.MinPasswordLength)
            fields.Error("password", $"must be at least {settings.MinPasswordLength} characters");
        return password;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex UserName();

    private sealed record KeyLabel(string? Name);
}
