using System.Text.Json;

namespace Territories.Cli.Tests;

public sealed class SolveCommandTests : CliHarness
{
    private const string Feasible = """
        { "reps": [ { "id": "west", "capacity": 100, "home": { "lat": 40, "lon": -80 } },
                    { "id": "east", "capacity": 100, "home": { "lat": 40, "lon": -70 } } ],
          "accounts": [ { "id": "a1", "workload": 10, "location": { "lat": 40.1, "lon": -79.9 }, "currentRepId": "east" },
                        { "id": "a2", "workload": 10, "location": { "lat": 40.1, "lon": -70.1 }, "currentRepId": "east" } ],
          "options": { "timeLimitSeconds": 300, "workers": 1 } }
        """;

    /// <summary>A reproducible search length whatever the machine's load; the wall-clock limit is only a safety net.</summary>
    private static readonly string[] Deterministic = ["--deterministic-time", "5", "--time-limit", "300"];

    [Fact]
    public async Task Solve_FeasibleProblem_WritesThePlanAndASummaryAndExitsZero()
    {
        var (exit, stdout, stderr) = await Run(["solve", Write("p.json", Feasible), .. Deterministic]);

        Assert.Equal(0, exit);
        using var plan = JsonDocument.Parse(stdout);
        Assert.Equal("optimal", plan.RootElement.GetProperty("status").GetString());
        var assignments = plan.RootElement.GetProperty("assignments").EnumerateArray()
            .ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("repId").GetString());
        Assert.Equal("west", assignments["a1"]);
        Assert.Equal("east", assignments["a2"]);
        Assert.Equal(1, plan.RootElement.GetProperty("kpis").GetProperty("movedAccounts").GetInt32());
        Assert.Contains("status optimal", stderr);
        Assert.Contains("west", stderr);
        Assert.Matches(@"\[\s*\d+\.\d s\] solving: best [\d.]+ +bound", stderr);
    }

    [Fact]
    public async Task Solve_WithOut_WritesTheFileAndNothingToStandardOutput()
    {
        var output = Path.Combine(Folder, "plan.json");

        var (exit, stdout, _) = await Run(["solve", Write("p.json", Feasible), "--out", output, .. Deterministic]);

        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        using var plan = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(2, plan.RootElement.GetProperty("assignments").GetArrayLength());
    }

    [Fact]
    public async Task Solve_InvalidField_ExitsTwoNamingFileAndFieldPath()
    {
        var path = Write("bad.json", """{ "reps": [ { "id": "r1", "capacity": 10 } ], "accounts": [ { "id": "a1", "workload": -3 } ] }""");

        var (exit, stdout, stderr) = await Run("solve", path);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"{path}: accounts[0].workload: must be at least 0", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Solve_MalformedJson_ExitsTwoWithLine()
    {
        var (exit, _, stderr) = await Run("solve", Write("broken.json", "{ \"reps\": [\n  { \"id\": \"r1\", } ] }"));

        Assert.Equal(2, exit);
        Assert.Contains("malformed JSON at line 2", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Solve_MissingFile_ExitsTwo()
    {
        var (exit, _, stderr) = await Run("solve", Path.Combine(Folder, "nope.json"));

        Assert.Equal(2, exit);
        Assert.Contains("nope.json: cannot be read", stderr);
    }

    [Fact]
    public async Task Solve_Infeasible_ExitsOneWithDiagnosticsNamingTheSkill()
    {
        var path = Write("infeasible.json", """
            { "reps": [ { "id": "r1", "capacity": 100, "skills": ["finance"] } ],
              "accounts": [ { "id": "a1", "workload": 5, "requiredSkills": ["healthcare"] } ] }
            """);

        var (exit, stdout, stderr) = await Run("solve", path);

        Assert.Equal(1, exit);
        using var plan = JsonDocument.Parse(stdout);
        Assert.Equal("infeasible", plan.RootElement.GetProperty("status").GetString());
        var diagnostic = plan.RootElement.GetProperty("diagnostics")[0];
        Assert.Equal("no-eligible-rep", diagnostic.GetProperty("code").GetString());
        Assert.Equal("a1", diagnostic.GetProperty("accountIds")[0].GetString());
        Assert.Equal("healthcare", diagnostic.GetProperty("skills")[0].GetString());
        Assert.Contains("no-eligible-rep", stderr);
    }

    [Theory]
    [InlineData("--time-limit", "soon")]
    [InlineData("--time-limit", "-1")]
    [InlineData("--colour", "red")]
    public async Task Solve_BadOption_ExitsTwo(string option, string value)
    {
        var (exit, _, stderr) = await Run("solve", Write("p.json", Feasible), option, value);

        Assert.Equal(2, exit);
        Assert.Contains(option, stderr);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwoWithUsage()
    {
        var (exit, _, stderr) = await Run("frobnicate");

        Assert.Equal(2, exit);
        Assert.Contains("Usage:", stderr);
    }

    [Fact]
    public async Task Generate_ThenSolve_PlansTheGeneratedBook()
    {
        var book = Path.Combine(Folder, "book.json");
        Assert.Equal(0, (await Run("generate", "--accounts", "80", "--reps", "4", "--seed", "3", "--out", book)).Exit);

        var (exit, stdout, _) = await Run(["solve", book, .. Deterministic]);

        Assert.Equal(0, exit);
        using var plan = JsonDocument.Parse(stdout);
        Assert.Equal(80, plan.RootElement.GetProperty("assignments").GetArrayLength());
    }
}
