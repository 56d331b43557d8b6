using System.Text.Json;
using Territories.Storage;

namespace Territories.Api.Resources;

/// <summary>A stored scenario: the document as sent (name, datasetId, changes, options, goal) with its id and version.</summary>
/// <param name="Version">Grows by one on every update; the <c>ETag</c>. Send it as <c>If-Match</c> so a stale edit is refused (412).</param>
/// <param name="OwnerId">The user who created it; with managers and admins, the only one who may change or delete it or cancel its runs.</param>
public sealed record ScenarioResource(string Id, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Name, string DatasetId,
    JsonElement? Changes, JsonElement? Options, decimal? Goal, string? OwnerId)
{
    public static ScenarioResource Of(ScenarioRecord s)
    {
        using var document = JsonDocument.Parse(s.Document);
        var root = document.RootElement;
        return new ScenarioResource(s.Id, s.Version, s.CreatedAt, s.UpdatedAt, s.Name, s.DatasetId,
            Field(root, "changes"), Field(root, "options"), root.TryGetProperty("goal", out var g) && g.ValueKind == JsonValueKind.Number ? g.GetDecimal() : null, s.OwnerId);
    }

    private static JsonElement? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.Clone() : null;
}
