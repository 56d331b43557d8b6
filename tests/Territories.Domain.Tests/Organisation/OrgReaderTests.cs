using Territories.Domain.Contracts;

namespace Territories.Domain.Tests.Organisation;

/// <summary>The organisation in a territory problem: the tree, reps in leaves, moveWithin, and errors with field paths.</summary>
public class OrgReaderTests
{
    private static string Problem(string orgUnits, string rep1Unit = "\"ne\"", string rep2Unit = "\"se\"", string options = "{}") => $$"""
        {
          "orgUnits": {{orgUnits}},
          "reps": [ { "id": "r1", "capacity": 100, "orgUnitId": {{rep1Unit}} }, { "id": "r2", "capacity": 100, "orgUnitId": {{rep2Unit}} } ],
          "accounts": [ { "id": "a1", "workload": 10, "currentRepId": "r1" } ],
          "options": {{options}}
        }
        """;

    private const string Tree = """
        [ { "id": "east", "name": "East", "parentId": null }, { "id": "ne", "name": "North-East", "parentId": "east" },
          { "id": "se", "name": "South-East", "parentId": "east" } ]
        """;

    [Fact]
    public void Read_Tree_KeepsUnitsRepUnitsAndLevel()
    {
        var problem = TerritoryProblemReader.Read(Problem(Tree, options: """{ "moveWithin": "1" }"""));

        Assert.Equal(3, problem.Org.Count);
        Assert.Equal(1, problem.Org.Height);
        Assert.Equal("ne", problem.Reps[0].OrgUnitId);
        Assert.Equal(1, problem.Options.MoveWithin);
        var again = TerritoryProblemReader.Read(TerritoryProblemWriter.Write(problem));
        Assert.Equal(problem.Org.Units, again.Org.Units);
        Assert.Equal(problem.Reps.Select(r => r.OrgUnitId), again.Reps.Select(r => r.OrgUnitId));
        Assert.Equal(1, again.Options.MoveWithin);
    }

    [Theory]
    [InlineData("""[ { "id": "east" }, { "id": "ne", "parentId": "nowhere" }, { "id": "se", "parentId": "east" } ]""", "orgUnits[1].parentId", "unknown org unit \"nowhere\"")]
    [InlineData("""[ { "id": "east", "parentId": "se" }, { "id": "ne", "parentId": "east" }, { "id": "se", "parentId": "ne" } ]""", "parentId", "cycle")]
    [InlineData("""[ { "id": "east" }, { "id": "ne", "parentId": "east" }, { "id": "ne", "parentId": "east" }, { "id": "se" } ]""", "orgUnits[2].id", "duplicate id \"ne\"")]
    [InlineData("""[ { "id": "east" }, { "id": "ne", "parentId": "east", "boss": "x" }, { "id": "se", "parentId": "east" } ]""", "orgUnits[1].boss", "unknown field")]
    public void Read_BadTree_NamesTheField(string tree, string path, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => TerritoryProblemReader.Read(Problem(tree)));
        Assert.Contains(error.Errors, e => e.Path.Contains(path) && e.Message.Contains(message));
    }

    [Fact]
    public void Read_RepInUnknownOrInnerUnit_NamesTheRep()
    {
        var unknown = Assert.Throws<InvalidInputException>(() => TerritoryProblemReader.Read(Problem(Tree, rep2Unit: "\"sw\"")));
        Assert.Contains(unknown.Errors, e => e.Path == "reps[1].orgUnitId" && e.Message.Contains("unknown org unit \"sw\""));

        var inner = Assert.Throws<InvalidInputException>(() => TerritoryProblemReader.Read(Problem(Tree, rep1Unit: "\"east\"")));
        Assert.Contains(inner.Errors, e => e.Path == "reps[0].orgUnitId" && e.Message.Contains("leaf"));

        var outside = TerritoryProblemReader.Read(Problem(Tree, rep1Unit: "null"));
        Assert.Equal(-1, outside.RepUnits[0]);
    }

    [Theory]
    [InlineData("""{ "moveWithin": 2 }""", "levels 0 to 1")]
    [InlineData("""{ "moveWithin": "district" }""", "must be an org level")]
    [InlineData("""{ "moveWithin": -1 }""", "at least 0")]
    public void Read_BadMoveWithin_NamesTheOption(string options, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => TerritoryProblemReader.Read(Problem(Tree, options: options)));
        Assert.Contains(error.Errors, e => e.Path == "options.moveWithin" && e.Message.Contains(message));
    }

    [Fact]
    public void Read_MoveWithinWithoutTree_IsAnError()
    {
        const string json = """{ "reps": [ { "id": "r1", "capacity": 1 } ], "accounts": [], "options": { "moveWithin": 0 } }""";
        var error = Assert.Throws<InvalidInputException>(() => TerritoryProblemReader.Read(json));
        Assert.Contains(error.Errors, e => e.Path == "options.moveWithin" && e.Message.Contains("needs orgUnits"));
    }
}
