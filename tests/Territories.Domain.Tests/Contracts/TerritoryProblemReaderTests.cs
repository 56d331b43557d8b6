using Territories.Domain.Contracts;
using Territories.Domain.Model;

namespace Territories.Domain.Tests.Contracts;

public class TerritoryProblemReaderTests
{
    private const string Example = """
        {
          "name": "north-east 2027",
          "reps": [
            { "id": "r1", "name": "Ann Lee", "home": { "lat": 40.71, "lon": -74.01 },
              "skills": ["enterprise", "healthcare"], "capacity": 1600, "maxAccounts": 120, "region": "NE" }
          ],
          "accounts": [
            { "id": "a1", "name": "Acme", "location": { "lat": 40.75, "lon": -73.99 },
              "segment": "enterprise", "tier": "A", "requiredSkills": ["enterprise"],
              "workload": 40, "potential": 250000, "revenue": 180000,
              "currentRepId": "r1", "lockedRepId": null, "unitId": "36061" }
          ],
          "units": [ { "id": "36061", "neighbors": [] } ],
          "pairs": [ { "accountId": "a1", "repId": "r1", "cost": 12.5, "workload": 41 } ],
          "options": {
            "weights": { "balance": 1, "travel": 1, "disruption": 1, "cost": 0 },
            "balance": { "metric": "workload", "tolerance": 0.10 },
            "maxMovedShare": 0.15, "contiguity": false, "timeLimitSeconds": 30, "workers": 2, "seed": 0
          }
        }
        """;

    [Fact]
    public void Read_ContractExample_KeepsEveryField()
    {
        var problem = TerritoryProblemReader.Read(Example);

        var rep = Assert.Single(problem.Reps);
        Assert.Equal(new RepId("r1"), rep.Id);
        Assert.Equal(1600, rep.Capacity);
        Assert.Equal(120, rep.MaxAccounts);
        Assert.True(rep.Skills.SetEquals(["enterprise", "healthcare"]));
        var account = Assert.Single(problem.Accounts);
        Assert.Equal(250000m, account.Potential);
        Assert.Equal(new RepId("r1"), account.CurrentRepId);
        Assert.Null(account.LockedRepId);
        Assert.Equal(41, problem.WorkloadOf(0, 0));
        Assert.Equal(12.5m, problem.CostOf(0, 0));
        Assert.Equal(0.10, problem.Options.Balance.Tolerance);
        Assert.Equal(0.15, problem.Options.MaxMovedShare);
    }

    [Fact]
    public void Read_MalformedJson_ReportsLineAndPosition()
    {
        var error = Assert.Single(Errors("{ \"reps\": [ }"));
        Assert.Equal("$", error.Path);
        Assert.Contains("malformed JSON at line 1", error.Message);
    }

    [Fact]
    public void Read_UnknownField_NamesItsPath()
    {
        var errors = Errors("""{ "reps": [ { "id": "r1", "capacity": 10 } ], "accounts": [ { "id": "a1", "wrkload": 5 } ] }""");
        Assert.Contains(errors, e => e.Path == "accounts[0].wrkload" && e.Message.StartsWith("unknown field"));
    }

    [Fact]
    public void Read_SeveralProblems_ReportsAllAtOnce()
    {
        var errors = Errors("""
            { "reps": [ { "id": "r1", "capacity": -5 }, { "id": "r1", "capacity": 10 } ],
              "accounts": [ { "workload": 5 }, { "id": "a2", "workload": "ten", "location": { "lat": 91, "lon": 0 } } ],
              "options": { "balance": { "tolerance": 1.5 } } }
            """);
        var paths = errors.Select(e => e.Path).ToList();
        Assert.Contains("reps[0].capacity", paths);
        Assert.Contains("accounts[0].id", paths);
        Assert.Contains("accounts[1].workload", paths);
        Assert.Contains("accounts[1].location.lat", paths);
        Assert.Contains("options.balance.tolerance", paths);
    }

    [Fact]
    public void Read_DuplicateIds_NamesTheSecond()
    {
        var errors = Errors("""{ "reps": [ { "id": "r1", "capacity": 1 }, { "id": "r1", "capacity": 1 } ], "accounts": [] }""");
        var error = Assert.Single(errors);
        Assert.Equal("reps[1].id", error.Path);
        Assert.Contains("duplicate id \"r1\"", error.Message);
    }

    [Fact]
    public void Read_EmptyRepList_IsInvalid()
    {
        var error = Assert.Single(Errors("""{ "reps": [], "accounts": [] }"""));
        Assert.Equal("reps", error.Path);
    }

    [Fact]
    public void Read_LockOrPairNamingUnknownIds_IsInvalid()
    {
        var errors = Errors("""
            { "reps": [ { "id": "r1", "capacity": 10 } ],
              "accounts": [ { "id": "a1", "workload": 1, "lockedRepId": "ghost" } ],
              "pairs": [ { "accountId": "nobody", "repId": "r1", "cost": 1 } ] }
            """);
        Assert.Contains(errors, e => e.Path == "accounts[0].lockedRepId" && e.Message.Contains("ghost"));
        Assert.Contains(errors, e => e.Path == "pairs[0].accountId" && e.Message.Contains("nobody"));
    }

    [Fact]
    public void Read_CurrentRepWhoLeft_IsAllowedAndOrphaned()
    {
        var problem = TerritoryProblemReader.Read("""
            { "reps": [ { "id": "r1", "capacity": 10 } ], "accounts": [ { "id": "a1", "workload": 1, "currentRepId": "gone" } ] }
            """);
        Assert.True(problem.IsOrphaned(0));
        Assert.Equal(-1, problem.CurrentRepIndexOf(0));
    }

    [Fact]
    public void Read_WorkloadMissing_IsRequiredUnlessPairsGiveIt()
    {
        const string reps = """ "reps": [ { "id": "r1", "capacity": 10 }, { "id": "r2", "capacity": 10 } ] """;
        var errors = Errors($$"""{ {{reps}}, "accounts": [ { "id": "a1" } ], "pairs": [ { "accountId": "a1", "repId": "r1", "workload": 3 } ] }""");
        var error = Assert.Single(errors);
        Assert.Equal("accounts[0].workload", error.Path);
        Assert.Contains("r2", error.Message);

        var problem = TerritoryProblemReader.Read($$"""
            { {{reps}}, "accounts": [ { "id": "a1" } ], "pairs": [ { "accountId": "a1", "repId": "r1", "workload": 3 } ],
              "options": { "pairsOnly": true } }
            """);
        Assert.Equal(3, problem.WorkloadOf(0, 0));
    }

    [Fact]
    public void Read_TravelWeightGivenWithoutGeography_RequiresHomeAndLocation()
    {
        var errors = Errors("""
            { "reps": [ { "id": "r1", "capacity": 10 } ], "accounts": [ { "id": "a1", "workload": 1 } ],
              "options": { "weights": { "travel": 1 } } }
            """);
        Assert.Contains(errors, e => e.Path == "reps[0].home");
        Assert.Contains(errors, e => e.Path == "accounts[0].location");
    }

    [Fact]
    public void Read_WeightsObject_LeavesUnnamedWeightsAtZero()
    {
        var problem = TerritoryProblemReader.Read("""
            { "reps": [ { "id": "r1", "capacity": 10 } ], "accounts": [ { "id": "a1", "workload": 1 } ],
              "options": { "weights": { "cost": 1 } } }
            """);
        Assert.Equal(new ObjectiveWeights(0, 0, 0, 1), problem.Options.Weights);
    }

    [Theory]
    [InlineData("""{ "metric": "revenue" }""", BalanceMetric.Revenue)]
    [InlineData("""{ "metric": "accounts" }""", BalanceMetric.Accounts)]
    public void Read_BalanceMetric_IsParsed(string balance, BalanceMetric expected)
    {
        var problem = TerritoryProblemReader.Read($$"""
            { "reps": [ { "id": "r1", "capacity": 10 } ], "accounts": [], "options": { "balance": {{balance}} } }
            """);
        Assert.Equal(expected, problem.Options.Balance.Metric);
    }

    [Fact]
    public void Read_UnknownBalanceMetric_IsInvalid()
    {
        var error = Assert.Single(Errors("""{ "reps": [ { "id": "r1", "capacity": 10 } ], "accounts": [], "options": { "balance": { "metric": "Revenue" } } }"""));
        Assert.Equal("options.balance.metric", error.Path);
    }

    [Fact]
    public void Read_ContiguityWithoutUnits_IsInvalid()
    {
        var errors = Errors("""
            { "reps": [ { "id": "r1", "capacity": 10 } ], "accounts": [ { "id": "a1", "workload": 1 } ], "options": { "contiguity": true } }
            """);
        Assert.Contains(errors, e => e.Path == "units");
        Assert.Contains(errors, e => e.Path == "accounts[0].unitId");
    }

    /// <summary>Territory design needs the band fixed before the solve; the reader says so instead of the solver mid-solve.</summary>
    [Fact]
    public void Read_ContiguityWithAWorkloadBandAndPairWorkloads_IsInvalidAtTheMetric()
    {
        var errors = Errors("""
            { "reps": [ { "id": "r1", "capacity": 10 } ], "accounts": [ { "id": "a1", "workload": 1, "unitId": "u1" } ],
              "units": [ { "id": "u1", "neighbors": [] } ], "pairs": [ { "accountId": "a1", "repId": "r1", "workload": 2 } ],
              "options": { "contiguity": true, "balance": { "metric": "workload", "tolerance": 0.1 } } }
            """);
        var error = Assert.Single(errors);
        Assert.Equal("options.balance.metric", error.Path);
        Assert.Contains("must not depend on the rep", error.Message);
    }

    [Fact]
    public void WriteThenRead_KeepsTheProblem()
    {
        var problem = TerritoryProblemReader.Read(Example);
        var again = TerritoryProblemReader.Read(TerritoryProblemWriter.Write(problem));
        Assert.Equal(problem.Reps[0] with { Skills = again.Reps[0].Skills }, again.Reps[0]);
        Assert.Equal(problem.Accounts[0] with { RequiredSkills = again.Accounts[0].RequiredSkills }, again.Accounts[0]);
        Assert.Equal(problem.Options, again.Options);
        Assert.Equal(problem.Pairs, again.Pairs);
    }

    private static IReadOnlyList<InputError> Errors(string json) =>
        Assert.Throws<InvalidInputException>(() => TerritoryProblemReader.Read(json)).Errors;
}
