using Territories.Domain.Contracts;
using Territories.Domain.Hiring;

namespace Territories.Domain.Tests.Hiring;

public class HiringRequestReaderTests
{
    private const string Example = """
        { "start": "2027-Q1", "quarters": 8,
          "reps": [ { "id": "r1", "skills": ["enterprise"], "region": "NE", "capacity": 1600, "endDate": null } ],
          "hireCapacity": 1600,
          "demand": [ { "skill": "enterprise", "region": "NE", "quarter": "2027-Q1", "workload": 4200 } ],
          "targetUtilization": 0.85, "attritionPerYear": 0.12, "ramp": [0.3, 0.6, 0.9],
          "leadTimeQuarters": 1, "maxHiresPerQuarter": 6, "hireCost": 20000, "repCostPerYear": 140000 }
        """;

    [Fact]
    public void Read_ContractExample_KeepsEveryField()
    {
        var request = HiringRequestReader.Read(Example);

        Assert.Equal(new Quarter(2027, 1), request.Start);
        Assert.Equal(8, request.Quarters);
        Assert.Equal("NE", Assert.Single(request.Reps).Region);
        Assert.Equal(4200, Assert.Single(request.Demand).Workload);
        Assert.Equal([0.3, 0.6, 0.9], request.Ramp);
        Assert.Equal(6, request.MaxHiresPerQuarter);
        Assert.Equal(140_000m, request.RepCostPerYear);
    }

    [Fact]
    public void Read_BadQuarterAndUtilization_NameTheirPaths()
    {
        var errors = Assert.Throws<InvalidInputException>(() => HiringRequestReader.Read(
            Example.Replace("\"2027-Q1\", \"workload\"", "\"2027-Q5\", \"workload\"").Replace("0.85", "1.5"))).Errors;

        Assert.Contains(errors, e => e.Path == "demand[0].quarter" && e.Message.Contains("2027-Q5"));
        Assert.Contains(errors, e => e.Path == "targetUtilization");
    }

    [Theory]
    [InlineData("2027-Q4", 1, "2028-Q1")]
    [InlineData("2027-Q2", 7, "2029-Q1")]
    public void Quarter_Plus_RollsOverYears(string start, int quarters, string expected)
    {
        Assert.True(Quarter.TryParse(start, out var q));
        Assert.Equal(expected, q.Plus(quarters).ToString());
        Assert.Equal(quarters, q.Plus(quarters).Minus(q));
    }
}
