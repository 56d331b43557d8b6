using Territories.Domain.Contracts;
using Territories.Domain.Samples;

namespace Territories.Api.Tests;

/// <summary>Datasets and scenarios the service tests send, as the JSON a client would.</summary>
public static class Books
{
    /// <summary>A seeded 120-account, 5-rep book: solved to a good plan in about a second.</summary>
    public static string Small(string name = "small book") => Write(120, 5, name);

    /// <summary>A 1,500-account, 15-rep book: far from proven optimal after a few seconds, so a run on it is still running when cancelled.</summary>
    public static string Large() => Write(1500, 15, "large book");

    /// <summary>A 5,000-account, 50-rep book: not proven optimal within minutes, so a solve of it runs to its time limit.</summary>
    public static string Unproven() => Write(5000, 50, "unproven book");

    public static string Scenario(string datasetId, string name, double timeLimitSeconds = 1, string changes = "{}", decimal? goal = null) => $$"""
        { "name": "{{name}}", "datasetId": "{{datasetId}}", "changes": {{changes}},
          "options": { "weights": { "balance": 1, "travel": 1, "disruption": 1 }, "timeLimitSeconds": {{timeLimitSeconds}}, "workers": 1 }
          {{(goal is { } g ? $", \"goal\": {g}" : "")}} }
        """;

    /// <summary>Changes that replace one rep by a new hire in New York who holds every skill.</summary>
    public static string ReplaceRep(string leaver, string hire) => $$"""
        { "repsRemoved": ["{{leaver}}"],
          "repsAdded": [ { "id": "{{hire}}", "capacity": 1700, "home": { "lat": 40.7, "lon": -74.0 },
                           "skills": ["enterprise", "finance", "healthcare", "manufacturing", "retail", "software", "spanish"] } ] }
        """;

    /// <summary>Nine squares of one degree (s00 bottom-left to s22 top-right) as a GeoJSON FeatureCollection.</summary>
    public static string GridUnits() => $$"""
        { "type": "FeatureCollection", "features": [ {{string.Join(",", from row in Enumerable.Range(0, 3) from col in Enumerable.Range(0, 3) select
            $$$"""{ "type": "Feature", "id": "s{{{row}}}{{{col}}}", "properties": {}, "geometry": { "type": "Polygon", "coordinates": [[[{{{col}}},{{{row}}}],[{{{col + 1}}},{{{row}}}],[{{{col + 1}}},{{{row + 1}}}],[{{{col}}},{{{row + 1}}}],[{{{col}}},{{{row}}}]]] } }""")}} ] }
        """;

    /// <summary>One account in the middle of each grid square, three reps living in the bottom row.</summary>
    public static string GridBook() => $$"""
        { "name": "grid", "reps": [ {{string.Join(",", Enumerable.Range(0, 3).Select(i => $$$"""{ "id": "r{{{i}}}", "capacity": 40, "home": { "lat": 0.5, "lon": {{{i}}}.5 } }"""))}} ],
          "accounts": [ {{string.Join(",", from row in Enumerable.Range(0, 3) from col in Enumerable.Range(0, 3) select
              $$$"""{ "id": "a{{{row}}}{{{col}}}", "workload": 10, "unitId": "s{{{row}}}{{{col}}}", "location": { "lat": {{{row}}}.5, "lon": {{{col}}}.5 } }""")}} ] }
        """;

    private static string Write(int accounts, int reps, string name)
    {
        var problem = SyntheticBook.Generate(new SyntheticBookSettings(accounts, reps, Seed: 7));
        return TerritoryProblemWriter.Write(problem).Replace(problem.Name!, name, StringComparison.Ordinal);
    }
}
