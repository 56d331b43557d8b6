using System.Text.Json;
using Territories.Domain.Contracts;

namespace Territories.Cli.Tests;

public sealed class ClassifyCommandTests : CliHarness
{
    private const string Book = """
        { "reps": [ { "id": "r1", "capacity": 100 } ],
          "accounts": [
            { "id": "a1", "workload": 1, "potential": 800, "revenue": 10, "currentRepId": "r1" },
            { "id": "a2", "workload": 1, "potential": 150, "revenue": 500, "currentRepId": "r1" },
            { "id": "a3", "workload": 1, "potential": 50, "revenue": 490, "currentRepId": "r1" },
            { "id": "p1", "workload": 1, "potential": 999 } ] }
        """;

    [Fact]
    public async Task Classify_WritesTiersWithReasons_AndABookCarryingThem()
    {
        var bookOut = Path.Combine(Folder, "classified.json");

        var (exit, stdout, stderr) = await Run("classify", Write("book.json", Book), "--by", "revenue", "--a", "0.5", "--book-out", bookOut);

        Assert.Equal(0, exit);
        var accounts = JsonDocument.Parse(stdout).RootElement.GetProperty("accounts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("tier").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["a1"] = "C", ["a2"] = "A", ["a3"] = "B", ["p1"] = "prospect" }, accounts);
        var book = TerritoryProblemReader.Read(File.ReadAllText(bookOut));
        Assert.Equal(["C", "A", "B", "prospect"], book.Accounts.Select(a => a.Tier));
        Assert.Contains("prospect", stderr);
    }

    [Theory]
    [InlineData("--by", "margin", "--by")]
    [InlineData("--a", "1.5", "--a")]
    public async Task Classify_BadOption_ExitsTwoNamingIt(string option, string value, string named)
    {
        var (exit, _, stderr) = await Run("classify", Write("book.json", Book), option, value);

        Assert.Equal(2, exit);
        Assert.Contains(named, stderr);
    }
}
