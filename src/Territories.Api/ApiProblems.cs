using Microsoft.AspNetCore.Http.HttpResults;

namespace Territories.Api;

/// <summary>The RFC 9457 problem details this API answers besides invalid input (see <see cref="ContractBody.Problem"/>).</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}", detail: $"There is no {what} with id \"{id}\".");

    /// <summary>403: the object belongs to someone else (only its owner, a manager or an admin may change it).</summary>
    public static ProblemHttpResult NotOwner(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: $"Not your {what}",
            detail: $"Only the user who created {what} \"{id}\" (or its scenario), a manager or an admin may change it.");

    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);

    /// <summary>412: the caller's <c>If-Match</c> names a version someone else already replaced.</summary>
    public static ProblemHttpResult Stale(string what, string id, int currentVersion) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: $"The {what} was changed by someone else",
            detail: $"{what} \"{id}\" is at version {currentVersion} now; read it again, reapply your change and send it with If-Match: {ETags.Of(currentVersion)}.",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = currentVersion });
}

/// <summary>Versions as HTTP entity tags (<c>"3"</c>) and the <c>If-Match</c> precondition.</summary>
public static class ETags
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>
    /// The version an <c>If-Match</c> header requires: null when the header is absent or <c>*</c> (write unconditionally),
    /// -1 when it names no version this service issued (it can never match).
    /// </summary>
    public static int? RequiredVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*") return null;
        var tag = header.Split(',')[0].Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
        return int.TryParse(tag.Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = Of(version);
}
