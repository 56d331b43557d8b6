using Territories.Storage;

namespace Territories.Api.Access;

/// <summary>
/// Records every successful write (POST, PUT, PATCH, DELETE answered 2xx) in the store: who, when, method, path (never
/// the query or body), the object's id (from <c>Location</c> or the route's <c>id</c>) and its new version (from
/// <c>ETag</c>). Nothing secret is recorded: keys and passwords travel only in headers and bodies.
/// </summary>
public sealed class AuditTrail(RequestDelegate next, TerritoryStore store, TimeProvider time, ILogger<AuditTrail> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return;
        if (context.Response.StatusCode is < 200 or > 299 || context.GetEndpoint() is null) return;
        var caller = Caller.Of(context.User);
        var entry = new AuditEntry(0, time.GetUtcNow(), caller?.Id, caller?.Name, request.Method, request.Path.Value ?? "", ObjectId(context),
            Version(context.Response), context.Response.StatusCode);
        try
        {
            await store.Audit.AppendAsync(entry, CancellationToken.None);
        }
        catch (System.Data.Common.DbException e)
        {
            log.LogError(e, "Could not record the audit entry of {Method} {Path} by {User}", entry.Method, entry.Path, entry.UserId);
        }
    }

    private static string? ObjectId(HttpContext context)
    {
        if (context.Response.Headers.Location.ToString() is { Length: > 0 } location) return location.TrimEnd('/').Split('/')[^1];
        return context.GetRouteValue("id") as string;
    }

    private static int? Version(HttpResponse response) =>
        int.TryParse(response.Headers.ETag.ToString().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
}
