using Territories.Domain.Hiring;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.Hiring;

namespace Territories.Planning.Tests.Hiring;

public class HiringPlannerTests
{
    private static readonly Quarter Q1 = new(2027, 1);

    private static HiringRequest Request(IReadOnlyList<HiringDemand> demand, IReadOnlyList<HiringRep>? reps = null, int leadTime = 0,
        int? maxHires = null, IReadOnlyList<double>? ramp = null, double attrition = 0, int quarters = 4, double utilization = 0.75) =>
        new(Q1, quarters, reps ?? [], 1600, demand, utilization, attrition, ramp ?? [], leadTime, maxHires, 20_000m, 140_000m, []);

    private static IEnumerable<HiringDemand> Flat(string skill, string region, double hours, int quarters = 4) =>
        Enumerable.Range(0, quarters).Select(t => new HiringDemand(skill, region, Q1.Plus(t), hours));

    [Fact]
    public void Plan_OneRegionOneSkillWithRamp_HiresTwoInTheFirstQuarter()
    {
        // A hire gives 1600 / 4 x 0.75 = 300 h a quarter, half of it in its first quarter: 300 h from Q1 needs two hires.
        var plan = HiringPlanner.Plan(Request(Flat("enterprise", "NE", 300).ToList(), ramp: [0.5]));

        var hire = Assert.Single(plan.Hires);
        Assert.Equal(("2027-Q1", 2, "NE"), (hire.Quarter, hire.Count, hire.Region));
        Assert.Equal(["enterprise"], hire.Skills);
        Assert.Equal(2 * (20_000m + 140_000m / 4 * 4), plan.Cost);
        Assert.Empty(plan.Shortfalls);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Equal(300, plan.Quarters[0].CapacityHours, 6);
        Assert.Equal(2, plan.Quarters[0].Headcount);
    }

    [Fact]
    public void Plan_DemandBeforeTheLeadTime_IsAShortfallWithItsReason()
    {
        var plan = HiringPlanner.Plan(Request(Flat("enterprise", "NE", 300).ToList(), leadTime: 1));

        var shortfall = Assert.Single(plan.Shortfalls);
        Assert.Equal(("2027-Q1", 300.0), (shortfall.Quarter, shortfall.Hours));
        Assert.Equal("lead time: no hire can start before 2027-Q2", shortfall.Reason);
        Assert.All(plan.Hires, h => Assert.NotEqual("2027-Q1", h.Quarter));
    }

    [Fact]
    public void Plan_HiringCap_LeavesTheRestUncoveredAndSaysSo()
    {
        // 600 h from the first quarter needs two hires of 300 h; only one may start a quarter.
        var plan = HiringPlanner.Plan(Request(Flat("enterprise", "NE", 600, 1).ToList(), maxHires: 1, quarters: 1));

        Assert.Equal(1, plan.Hires.Sum(h => h.Count));
        var shortfall = Assert.Single(plan.Shortfalls);
        Assert.Equal(300, shortfall.Hours, 6);
        Assert.StartsWith("hiring cap: at most 1 hires", shortfall.Reason);
    }

    [Fact]
    public void Plan_MultiSkilledRep_CoversTwoSkillsWithoutHiring()
    {
        // The rep gives 1600 / 4 x 1.0 = 400 h a quarter, split 200/200 across its two skills.
        var rep = new HiringRep(new RepId("r1"), new HashSet<string> { "enterprise", "healthcare" }, "NE", 1600, null);
        var demand = Flat("enterprise", "NE", 200).Concat(Flat("healthcare", "NE", 200)).ToList();

        var plan = HiringPlanner.Plan(Request(demand, [rep], utilization: 1.0));

        Assert.Empty(plan.Hires);
        Assert.Empty(plan.Shortfalls);
        Assert.Equal(0m, plan.Cost);
        Assert.All(plan.Quarters, q => Assert.Equal(1.0, q.Coverage));
    }

    [Fact]
    public void Plan_RepLeaving_IsReplacedAndAttritionLowersHours()
    {
        // The rep leaves at the end of Q2: from Q3 a hire must carry its 300 h; attrition makes Q2 hours slightly lower.
        var rep = new HiringRep(new RepId("r1"), new HashSet<string> { "enterprise" }, "NE", 1600, new DateOnly(2027, 6, 30));
        var plan = HiringPlanner.Plan(Request(Flat("enterprise", "NE", 280).ToList(), [rep], attrition: 0.1));

        Assert.Equal("2027-Q3", Assert.Single(plan.Hires).Quarter);
        Assert.Equal(1, plan.Quarters[2].Headcount);
        Assert.True(plan.Quarters[1].CapacityHours < plan.Quarters[0].CapacityHours);
        Assert.Empty(plan.Shortfalls);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Plan_NoCapNoLeadTime_CoversEverythingForNoMoreThanHiringAllInTheFirstQuarter(int seed)
    {
        var random = new Random(seed);
        string[] skills = ["enterprise", "healthcare", "finance"], regions = ["NE", "SE"];
        var reps = Enumerable.Range(0, random.Next(0, 6)).Select(i => new HiringRep(new RepId($"r{i}"),
            skills.Where(_ => random.NextDouble() < 0.5).ToHashSet(), regions[random.Next(2)], 1200 + random.Next(800), null)).ToList();
        var demand = (from s in skills from g in regions from t in Enumerable.Range(0, 6)
                      where random.NextDouble() < 0.7
                      select new HiringDemand(s, g, Q1.Plus(t), random.Next(50, 900))).ToList();
        var request = Request(demand, reps, ramp: [0.4, 0.8], attrition: 0.1, quarters: 6);

        var plan = HiringPlanner.Plan(request);

        Assert.True(plan.Shortfalls.Count == 0, string.Join("; ", plan.Shortfalls));
        // "Hire everything in the first quarter": per demanded (skill, region), single-skill hires enough for its busiest quarter.
        var hours = new HoursModelProbe(request);
        var naive = demand.GroupBy(d => (d.Skill, d.Region)).Sum(g =>
            g.Max(d => Math.Ceiling(d.Workload / hours.Hire(d.Quarter.Minus(Q1))))) * (double)(20_000m + 140_000m / 4 * 6);
        Assert.True((double)plan.Cost <= naive, $"{plan.Cost} > {naive}");
        var recomputed = plan.Hires.Sum(h => h.Count * (20_000m + 140_000m / 4 * (6 - Quarter(h.Quarter).Minus(Q1))));
        Assert.Equal(recomputed, plan.Cost);
        // Per region and quarter, the reps' and hires' hours (recomputed here) hold the demand less the reported shortfalls.
        foreach (var region in regions)
            for (var t = 0; t < 6; t++)
            {
                var q = Q1.Plus(t);
                var supply = reps.Where(r => r.Region == region).Sum(r => r.Capacity / 4 * 0.75 * Math.Pow(0.9, t / 4.0))
                    + plan.Hires.Where(h => h.Region == region).Sum(h => h.Count * hours.Hire(q.Minus(Quarter(h.Quarter))));
                var uncovered = demand.Where(d => d.Region == region && d.Quarter == q).Sum(d => d.Workload)
                    - plan.Shortfalls.Where(s => s.Region == region && s.Quarter == q.ToString()).Sum(s => s.Hours);
                Assert.True(supply >= uncovered - 1e-6, $"{region} {q}: {supply} h for {uncovered} h");
            }
    }

    private static Quarter Quarter(string text) => Domain.Hiring.Quarter.TryParse(text, out var q) ? q : throw new FormatException(text);

    /// <summary>An independent recomputation of one hire's hours in its k-th quarter, as the contract defines them.</summary>
    private sealed class HoursModelProbe(HiringRequest request)
    {
        public double Hire(int k) => k < 0 ? 0 : request.HireCapacity / 4 * request.TargetUtilization
            * (k < request.Ramp.Count ? request.Ramp[k] : 1) * Math.Pow(1 - request.AttritionPerYear, k / 4.0);
    }
}
