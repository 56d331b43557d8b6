using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Organisation;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;
using Territories.Tests.Shared;

namespace Territories.Planning.Tests.Quotas;

/// <summary>Quotas through the sales organisation: top-down with over-assignment per level, exact at every level, and bottom-up.</summary>
public class OrgQuotaTests
{
    private static QuotaRequest Request(IReadOnlyList<QuotaRep> reps, IReadOnlyList<OrgUnit> units, decimal goal, QuotaMethod method,
        decimal rounding = 100m, CalendarKind calendar = CalendarKind.Months) =>
        new(goal, "USD", new DateOnly(2027, 1, 1), calendar, DayOfWeek.Monday, WorkingTime.MondayToFriday, Seasonality.Flat,
            reps, method, [], rounding, []) { OrgUnits = units };

    private static QuotaRep Rep(string id, string unit, decimal potential, decimal? lastYear = null) =>
        new(new RepId(id), potential, lastYear, null, null) { OrgUnitId = unit };

    [Fact]
    public void TopDown_TwoRegions_SplitsByPotentialWithEachLevelsOverAssignment()
    {
        OrgUnit[] units = [new("west", "West", null), new("east", "East", null), new("west-1", "West 1", "west"), new("west-2", "West 2", "west"), new("east-1", "East 1", "east")];
        // Potential 600 in the west (200 + 400 in its districts), 400 in the east: the company's 1,050,000 (5% over the goal)
        // goes 630,000 / 420,000; regions hand down 10% more, districts 2% more to their reps (extras in whole hundreds).
        QuotaRep[] reps = [Rep("a", "west-1", 100), Rep("b", "west-1", 100), Rep("c", "west-2", 400), Rep("d", "east-1", 400)];
        var method = new QuotaMethod(1, 0, null, null, 0.05) { OverAssignmentByLevel = [0.10, 0.02] };

        var plan = QuotaPlanner.Plan(Request(reps, units, 1_000_000m, method));

        var byId = plan.OrgUnits.ToDictionary(u => u.OrgUnitId);
        Assert.Equal((630_000m, 420_000m), (byId["west"].Assigned, byId["east"].Assigned));
        Assert.Equal((231_000m, 462_000m), (byId["west-1"].Assigned, byId["west-2"].Assigned)); // 693,000 by potential 1 : 2
        Assert.Equal(462_000m, byId["east-1"].Assigned);
        // Districts add 2%, in whole hundreds: 231,000 + 4,600 and 462,000 + 9,200.
        Assert.Equal([117_800m, 117_800m, 471_200m, 471_200m], plan.Reps.Select(r => r.Annual));
        Assert.Equal(235_600m, byId["west-1"].Annual); // bottom-up
        Assert.Equal(706_800m, byId["west"].Annual);
        Assert.Equal(plan.Reps.Sum(r => r.Annual), plan.Total);
        Assert.Equal(["west", "east"], plan.OrgUnits.Where(u => u.Level == 0).Select(u => u.OrgUnitId));
    }

    [Fact]
    public void WithoutLevelOverAssignment_TheTreeKeepsTheTotalAndEachUnitGetsWhatItAddsUpTo()
    {
        OrgUnit[] units = [new("all", null, null), new("x", null, "all"), new("y", null, "all")];
        QuotaRep[] reps = [Rep("a", "x", 300, 250), Rep("b", "x", 100, 120), Rep("c", "y", 500, 400)];

        var plan = QuotaPlanner.Plan(Request(reps, units, 2_000_000m, new QuotaMethod(0.6, 0.4, 0, 0.3, 0.05)));

        Assert.Equal(2_100_000m, plan.Total);
        Assert.All(plan.OrgUnits, u => Assert.Equal(u.Assigned, u.Annual));
        QuotaChecks.AssertExact(plan, 100m);
    }

    /// <summary>Random trees, reps in random leaves (some leaves empty), random blends, bounds and over-assignments per level.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnyTree_AddsUpExactlyAtEveryLevel_TopDownAndBottomUp(int seed)
    {
        var random = new Random(seed);
        var units = RandomOrg.Tree(random);
        var tree = OrgTree.Of(units);
        var leaves = RandomOrg.Leaves(units);
        var reps = Enumerable.Range(0, random.Next(1, 25)).Select(i => Rep($"r{i}", leaves[random.Next(leaves.Count)],
            random.Next(0, 5) * 100_000m + 50_000m, random.Next(3) == 0 ? null : random.Next(1, 9) * 50_000m)).ToList();
        var levels = Enumerable.Range(0, random.Next(0, tree.Height + 2)).Select(_ => random.Next(0, 4) * 0.025).ToList();
        var method = new QuotaMethod(0.6, 0.4, random.Next(2) == 0 ? 0 : null, 0.3, random.Next(0, 3) * 0.05) { OverAssignmentByLevel = levels };
        var rounding = new[] { 0.01m, 100m, 1000m }[random.Next(3)];
        var goal = random.Next(1, 2000) * 1_234.57m;

        var plan = QuotaPlanner.Plan(Request(reps, units, goal, method, rounding, random.Next(2) == 0 ? CalendarKind.Months : CalendarKind.FourFourFive));

        QuotaChecks.AssertExact(plan, rounding);
        var byId = plan.OrgUnits.ToDictionary(u => u.OrgUnitId);
        Assert.Equal(tree.Count, byId.Count);
        Assert.Equal(AnnualSplit.Cents(goal * (1 + (decimal)method.OverAssignment)), plan.OrgUnits.Where(u => u.Level == 0).Sum(u => u.Assigned));
        foreach (var unit in plan.OrgUnits)
        {
            var children = plan.OrgUnits.Where(c => c.ParentId == unit.OrgUnitId).ToList();
            var own = plan.Reps.Where(r => reps.Single(q => q.Id == r.RepId).OrgUnitId == unit.OrgUnitId).ToList();
            // Bottom-up: the exact sums of what is below, per year, quarter and month.
            Assert.Equal(children.Sum(c => c.Annual) + own.Sum(r => r.Annual), unit.Annual);
            foreach (var (period, i) in unit.Quarters.Select((q, i) => (q, i)))
                Assert.Equal(children.Sum(c => c.Quarters[i].Amount) + own.Sum(r => r.Quarters[i].Amount), period.Amount);
            foreach (var (period, i) in unit.Months.Select((m, i) => (m, i)))
                Assert.Equal(children.Sum(c => c.Months[i].Amount) + own.Sum(r => r.Months[i].Amount), period.Amount);
            Assert.Equal(unit.Annual, unit.Quarters.Sum(q => q.Amount));
            // Top-down: the unit hands down its amount plus its level's over-assignment, that extra in whole rounding units.
            var below = children.Count > 0 ? children.Sum(c => c.Assigned) : own.Sum(r => r.Annual);
            var extra = below - unit.Assigned;
            if (unit.Annual > 0)
            {
                Assert.Equal(0m, extra % rounding);
                Assert.InRange(extra - unit.Assigned * (decimal)method.OverAssignmentAt(unit.Level), -rounding / 2, rounding / 2);
            }
            Assert.True(children.Count(c => c.Assigned % rounding != 0) <= 1, $"{unit.OrgUnitId}: more than one part absorbs the remainder");
        }
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 30)];

    [Theory]
    [InlineData("""{ "id": "r1", "potential": 5 }""", "[]", "reps[0].orgUnitId", "is required")]
    [InlineData("""{ "id": "r1", "potential": 5, "orgUnitId": "all" }""", "[]", "reps[0].orgUnitId", "leaf")]
    [InlineData("""{ "id": "r1", "potential": 5, "orgUnitId": "x" }""", "[0.1, 0.1, 0.1]", "method.overAssignmentByLevel", "has 2")]
    [InlineData("""{ "id": "r1", "potential": 5, "orgUnitId": "x" }""", "[1.5]", "method.overAssignmentByLevel[0]", "within [0, 1]")]
    public void Reader_BadTreeInput_NamesTheField(string rep, string levels, string path, string message)
    {
        var json = $$"""
            { "goal": 100, "year": { "start": "2027-01-01" }, "reps": [ {{rep}} ],
              "orgUnits": [ { "id": "all" }, { "id": "x", "parentId": "all" } ], "method": { "overAssignmentByLevel": {{levels}} } }
            """;
        var error = Assert.Throws<InvalidInputException>(() => QuotaRequestReader.Read(json));
        Assert.Contains(error.Errors, e => e.Path == path && e.Message.Contains(message));
    }
}
