using System.Text.Json;
using System.Text.RegularExpressions;
using Territories.Domain.Contracts;
using Territories.Domain.Evaluation;
using Territories.Domain.Plans;
using Territories.Tests.Shared;

namespace Territories.Cli.Tests;

/// <summary>The real-geography commands on the bundled county atlas (data/geo, committed with the repository).</summary>
public sealed class GeographyCommandTests : CliHarness
{
    private static readonly string Counties = RepoFiles.Path("data/geo/us-counties.geojson");

    [Fact]
    public async Task Solve_TheBundledSample_WritesAPlanAndAMapWithEveryTexasCountyAndRep()
    {
        var plan = Path.Combine(Folder, "plan.json");
        var map = Path.Combine(Folder, "map.svg");

        var (exit, _, err) = await Run("solve", RepoFiles.Path("data/sample/book.json"), "--deterministic-time", "3", "--time-limit", "300", "--out", plan, "--map", map, "--units", Counties);

        Assert.Equal(CliApp.Success, exit);
        Assert.Contains("map written to", err);
        var svg = await File.ReadAllTextAsync(map);
        Assert.Equal(254, Regex.Count(svg, "<path class=\"unit\""));
        Assert.Equal(12, Regex.Count(svg, "<g class=\"legend-entry\""));

        var geojson = Path.Combine(Folder, "plan.geojson");
        Assert.Equal(CliApp.Success, (await Run("map", plan, "--problem", RepoFiles.Path("data/sample/book.json"), "--units", Counties, "--out", geojson)).Exit);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(geojson));
        var kinds = document.RootElement.GetProperty("features").EnumerateArray().GroupBy(f => f.GetProperty("properties").GetProperty("kind").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal((1200, 12), (kinds["account"], kinds["rep"]));
        Assert.InRange(kinds["territory"], 1, 12);
    }

    [Fact]
    public async Task TexasCounties_TwelveReps_AContiguousPlanWithinTenPercentComesBack()
    {
        var problemPath = Path.Combine(Folder, "texas.json");
        var planPath = Path.Combine(Folder, "plan.json");
        var generated = await Run("generate", "--counties", Counties, "--state", "48", "--accounts", "1200", "--reps", "12", "--seed", "2027",
            "--no-skills", "--contiguous", "--exponent", "0.5", "--out", problemPath);
        Assert.Equal(CliApp.Success, generated.Exit);

        var (exit, _, _) = await Run("solve", problemPath, "--deterministic-time", "20", "--time-limit", "600", "--out", planPath);

        Assert.Equal(CliApp.Success, exit);
        var problem = TerritoryProblemReader.Read(await File.ReadAllTextAsync(problemPath));
        Assert.Equal(254, problem.Units.Count);
        var plan = JsonSerializer.Deserialize<Plan>(await File.ReadAllTextAsync(planPath), ContractSerializer.Options)!;
        var evaluation = PlanEvaluator.Evaluate(problem, plan.Assignments);
        Assert.True(evaluation.IsFeasible, string.Join("; ", evaluation.Violations.Select(v => v.Message)));
        Assert.True(evaluation.Kpis.WorkloadMaxDeviation <= 0.10 + 1e-9);
    }

    [Fact]
    public async Task TexasCounties_ByPopulation_TheCountiesTooLargeForOneRepAreNamed()
    {
        var problemPath = Path.Combine(Folder, "texas.json");
        await Run("generate", "--counties", Counties, "--state", "48", "--accounts", "1200", "--reps", "12", "--seed", "2027", "--no-skills", "--contiguous", "--out", problemPath);

        var (exit, _, err) = await Run("solve", problemPath, "--time-limit", "5", "--out", Path.Combine(Folder, "plan.json"));

        Assert.Equal(CliApp.NoPlan, exit);
        Assert.Contains("unit-too-large: unit 48201", err);
    }

    [Fact]
    public async Task GenerateRealistic_SeveralStates_WritesABookWithTheRecipesRules()
    {
        var problemPath = Path.Combine(Folder, "realistic.json");

        var (exit, _, _) = await Run("generate", "--realistic", "--counties", Counties, "--state", "22,28", "--accounts", "600", "--reps", "20", "--seed", "5", "--out", problemPath);

        Assert.Equal(CliApp.Success, exit);
        var problem = TerritoryProblemReader.Read(await File.ReadAllTextAsync(problemPath));
        Assert.Equal((600, 20), (problem.Accounts.Count, problem.Reps.Count));
        Assert.Equal((0.10, 0.2), (problem.Options.Balance.Tolerance, problem.Options.MaxMovedShare));
        Assert.Equal(30, problem.Accounts.Count(a => a.CurrentRepId is null));
    }

    [Fact]
    public async Task GenerateRealistic_WithoutCounties_IsInvalidInput()
    {
        var (exit, _, err) = await Run("generate", "--realistic", "--state", "22", "--accounts", "600", "--reps", "20");

        Assert.Equal(CliApp.InvalidInput, exit);
        Assert.Contains("--realistic needs --counties", err);
    }

    [Fact]
    public async Task Generate_UnknownState_IsInvalidInput()
    {
        var (exit, _, err) = await Run("generate", "--counties", Counties, "--state", "99", "--accounts", "10", "--reps", "2");

        Assert.Equal(CliApp.InvalidInput, exit);
        Assert.Contains("no county has state FIPS \"99\"", err);
    }

    [Fact]
    public async Task BuildGeodata_SumsTownsPerCounty_AndWritesTheAdjacency()
    {
        var counties = Write("counties.geojson", """
            { "type": "FeatureCollection", "features": [
              { "type": "Feature", "id": "01001", "properties": { "name": "West", "state": "Alabama", "stateFips": "01" },
                "geometry": { "type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,1],[0,0]]] } },
              { "type": "Feature", "id": "01003", "properties": { "name": "East", "state": "Alabama", "stateFips": "01" },
                "geometry": { "type": "Polygon", "coordinates": [[[1,0],[2,0],[2,1],[1,1],[1,0]]] } } ] }
            """);
        var cities = Write("cities.csv", "lat,lon,population\n0.5,0.5,1200\n0.5,1.5,300\n0.4,1.6,50\n");
        var output = Path.Combine(Folder, "geo");

        var (exit, _, _) = await Run("build-geodata", "--counties", counties, "--cities", cities, "--out", output);

        Assert.Equal(CliApp.Success, exit);
        Assert.Equal("a,b,bridged\n01001,01003,0\n", await File.ReadAllTextAsync(Path.Combine(output, "us-county-adjacency.csv")));
        using var atlas = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "us-counties.geojson")));
        Assert.Equal([1200, 350], atlas.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("population").GetInt32()));
    }
}
