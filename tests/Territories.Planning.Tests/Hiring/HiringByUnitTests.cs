using Territories.Domain.Contracts;
using Territories.Domain.Hiring;
using Territories.Domain.Organisation;
using Territories.Planning.Hiring;

namespace Territories.Planning.Tests.Hiring;

/// <summary>Hiring by org unit: regions are unit ids, and the plan sums hires, demand and shortfall up the tree.</summary>
public class HiringByUnitTests
{
    private static readonly Quarter Q1 = new(2027, 1);

    [Fact]
    public void Plan_RegionsAreUnits_RollsHiresDemandAndShortfallUpTheTree()
    {
        OrgUnit[] units = [new("south", "South", null), new("tx", "Texas", "south"), new("ok", "Oklahoma", "south")];
        // A hire gives 1600 / 4 x 0.75 = 300 h a quarter: Texas needs two, Oklahoma one; with a lead time of one quarter the
        // first quarter's demand is a shortfall in both.
        var demand = Enumerable.Range(0, 4).SelectMany(t => new[] { new HiringDemand("smb", "tx", Q1.Plus(t), 600), new HiringDemand("smb", "ok", Q1.Plus(t), 300) }).ToList();
        var request = new HiringRequest(Q1, 4, [], 1600, demand, 0.75, 0, [], 1, null, 20_000m, 140_000m, []) { OrgUnits = units };

        var plan = HiringPlanner.Plan(request);

        var byId = plan.OrgUnits.ToDictionary(u => u.OrgUnitId);
        Assert.Equal((2, 1, 3), (byId["tx"].Hires, byId["ok"].Hires, byId["south"].Hires));
        Assert.Equal(plan.Hires.Sum(h => h.Count), byId["south"].Hires);
        Assert.Equal((2400.0, 1200.0, 3600.0), (byId["tx"].DemandHours, byId["ok"].DemandHours, byId["south"].DemandHours));
        Assert.Equal(byId["tx"].ShortfallHours + byId["ok"].ShortfallHours, byId["south"].ShortfallHours, 6);
        Assert.Equal(900, byId["south"].ShortfallHours, 6);
        Assert.Equal(0, byId["south"].Level);
    }

    [Fact]
    public void Plan_ARepOfADistrict_CoversItsRegionsDemand_ButNotASiblingDistricts()
    {
        OrgUnit[] units = [new("west", "West", null), new("west-a", null, "west"), new("west-b", null, "west")];
        // r1 (district west-a) gives 1600 / 4 x 0.75 = 300 h a quarter; 250 h a quarter are booked on the region itself.
        var rep = new HiringRep(new Domain.Model.RepId("r1"), new HashSet<string> { "smb" }, "west-a", 1600, null);
        var regionDemand = Enumerable.Range(0, 4).Select(t => new HiringDemand("smb", "west", Q1.Plus(t), 250)).ToList();
        var siblingDemand = Enumerable.Range(0, 4).Select(t => new HiringDemand("smb", "west-b", Q1.Plus(t), 250)).ToList();
        HiringRequest Request(List<HiringDemand> demand) => new(Q1, 4, [rep], 1600, demand, 0.75, 0, [], 0, null, 20_000m, 140_000m, []) { OrgUnits = units };

        var region = HiringPlanner.Plan(Request(regionDemand));
        var sibling = HiringPlanner.Plan(Request(siblingDemand));

        Assert.Empty(region.Hires);
        Assert.Empty(region.Shortfalls);
        Assert.Equal(1, sibling.Hires.Sum(h => h.Count));
        Assert.Equal("west-b", Assert.Single(sibling.Hires).Region);
    }

    [Fact]
    public void Reader_RegionThatIsNoUnit_NamesTheField()
    {
        const string json = """
            { "start": "2027-Q1", "quarters": 4, "hireCapacity": 1600,
              "orgUnits": [ { "id": "south" }, { "id": "tx", "parentId": "south" } ],
              "reps": [ { "id": "r1", "region": "tx", "capacity": 1600 }, { "id": "r2", "region": "NE", "capacity": 1600 } ],
              "demand": [ { "skill": "smb", "region": "ok", "quarter": "2027-Q1", "workload": 10 } ] }
            """;

        var error = Assert.Throws<InvalidInputException>(() => HiringRequestReader.Read(json));

        Assert.Contains(error.Errors, e => e.Path == "reps[1].region" && e.Message.Contains("unknown org unit \"NE\""));
        Assert.Contains(error.Errors, e => e.Path == "demand[0].region");
        Assert.DoesNotContain(error.Errors, e => e.Path == "reps[0].region");
    }
}
