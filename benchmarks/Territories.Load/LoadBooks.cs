using System.Text.Json.Nodes;
using Territories.Domain.Contracts;
using Territories.Domain.Samples;

namespace Territories.Load;

/// <summary>The seeded synthetic books the load test sends (the same seed always gives the same bytes).</summary>
public static class LoadBooks
{
    public static string Book(int accounts, int reps, double timeLimitSeconds, int seed = 16)
    {
        var json = JsonNode.Parse(TerritoryProblemWriter.Write(SyntheticBook.Generate(new SyntheticBookSettings(accounts, reps, seed))))!;
        json["options"]!["timeLimitSeconds"] = timeLimitSeconds;
        return json.ToJsonString();
    }

    /// <summary>A dataset of about <paramref name="megabytes"/> MB of (indented, as the service exports it) JSON.</summary>
    public static byte[] OfSize(int megabytes)
    {
        var sample = TerritoryProblemWriter.Write(SyntheticBook.Generate(new SyntheticBookSettings(2000, 20, 16)));
        var accounts = (int)(megabytes * 1_000_000.0 / sample.Length * 2000);
        return System.Text.Encoding.UTF8.GetBytes(TerritoryProblemWriter.Write(SyntheticBook.Generate(new SyntheticBookSettings(accounts, Math.Max(20, accounts / 600), 16))));
    }

    public static string Scenario(string datasetId, string name, double timeLimitSeconds, int workers) => $$"""
        { "name": "{{name}}", "datasetId": "{{datasetId}}", "options": { "timeLimitSeconds": {{timeLimitSeconds}}, "workers": {{workers}} } }
        """;
}
