using Territories.Domain.Contracts;
using Territories.Domain.Hiring;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.Hiring;
using Territories.Tests.Shared;

namespace Territories.Planning.Tests.Hiring;

/// <summary>
/// Contract section 6: demand the plan chooses to leave uncovered is impossible. Checked with <see cref="CoverageOracle"/>,
/// which recomputes hours and coverage on its own: the shortfalls are exactly what the plan's hires must leave, and no
/// single added hire, of any allowed profile in any quarter that still has room, would leave less.
/// </summary>
public class HiringOptimalityTests
{
    private static readonly Quarter Q1 = new(2027, 1);

    /// <summary>Covered hours below this are noise: the plan reports hours to 0.01.</summary>
    private const double Tolerance = 0.02;

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 30));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Plan_GeneratedRequest_LeavesNoShortfallThatOneMoreHireWouldReduce(int seed)
    {
        var request = Generate(new Random(seed));

        var plan = HiringPlanner.Plan(request);

        AssertNoAvoidableShortfall(request, plan);
    }

    [Fact]
    public void Plan_TwelveQuarterExampleOfTheIssue_LeavesNoShortfallThatOneMoreHireWouldReduce()
    {
        // 18 reps in three regions, lead time 2, at most 3 hires a quarter, attrition 20% a year, utilisation 0.8,
        // hire cost 25,000, rep cost 150,000 a year: the request that once left 18.9 h a hire could cover.
        // Its cap binds in six quarters over three regions: the first stage is rarely proven within its limit, and the
        // polish must still leave no shortfall one more hire would reduce, however little time the search had.
        var request = HiringRequestReader.Read(File.ReadAllText(RepoFiles.Path("data/examples/hiring-12-quarters.json"))) with { TimeLimitSeconds = 5 };
        Assert.Equal((12, 18, 2, 3), (request.Quarters, request.Reps.Count, request.LeadTimeQuarters, request.MaxHiresPerQuarter));

        var plan = HiringPlanner.Plan(request);

        AssertNoAvoidableShortfall(request, plan);
        Assert.Contains(plan.Shortfalls, s => s.Reason.StartsWith("lead time", StringComparison.Ordinal));
        // Each shortfall row is rounded to 0.01 h on its own, as in AssertNoAvoidableShortfall: their sum may sit up to
        // half a hundredth a row below the hours the bound is proven against (seen: bound 2194.81, rows 2194.78).
        Assert.True(plan.UncoveredHoursBound <= plan.Shortfalls.Sum(s => s.Hours) + Tolerance * Math.Max(1, plan.Shortfalls.Count),
            $"uncovered-hours bound {plan.UncoveredHoursBound} above the shortfalls' {plan.Shortfalls.Sum(s => s.Hours)} ({plan.Status})");
    }

    private static void AssertNoAvoidableShortfall(HiringRequest request, HiringPlan plan)
    {
        var oracle = new CoverageOracle(request);
        var reported = plan.Shortfalls.Sum(s => s.Hours);
        var uncoveredByPlan = oracle.Uncovered(plan.Hires);
        Assert.Equal(uncoveredByPlan, reported, Tolerance * Math.Max(1, plan.Shortfalls.Count));

        var startingIn = plan.Hires.GroupBy(h => oracle.QuarterIndex(h.Quarter)).ToDictionary(g => g.Key, g => g.Sum(h => h.Count));
        Assert.All(plan.Hires, h => Assert.Contains(oracle.Profiles, p => p.Region == h.Region && p.Skills.SequenceEqual(h.Skills)));
        Assert.All(startingIn, s => Assert.True(s.Key >= request.LeadTimeQuarters && s.Value <= (request.MaxHiresPerQuarter ?? int.MaxValue), $"{s.Value} hires in quarter {s.Key}"));
        for (var t = request.LeadTimeQuarters; t < request.Quarters; t++)
        {
            if (startingIn.GetValueOrDefault(t) >= (request.MaxHiresPerQuarter ?? int.MaxValue)) continue;
            foreach (var (region, skills) in oracle.Profiles)
            {
                var more = plan.Hires.Append(new Hire(Q(request, t), skills, region, 1));
                var uncovered = oracle.Uncovered(more);
                Assert.True(uncovered >= uncoveredByPlan - Tolerance,
                    $"one more [{string.Join(", ", skills)}] hire in {region} starting {Q(request, t)} leaves {uncovered:0.##} h uncovered, not {uncoveredByPlan:0.##} h");
            }
        }
        var cost = plan.Hires.Sum(h => h.Count * (request.HireCost + request.RepCostPerYear / 4 * (request.Quarters - oracle.QuarterIndex(h.Quarter))));
        Assert.Equal(cost, plan.Cost);
        if (plan.Status == PlanStatus.Optimal) Assert.Equal(reported, plan.UncoveredHoursBound!.Value, Tolerance * Math.Max(1, plan.Shortfalls.Count));
    }

    private static string Q(HiringRequest request, int t) => request.Start.Plus(t).ToString();

    /// <summary>Two or three regions and skills, reps with mixed skills (some leaving), demand in most cells, a cap most of the time.</summary>
    private static HiringRequest Generate(Random random)
    {
        string[] skills = ["enterprise", "healthcare", "finance"], regions = ["NE", "SE", "W"];
        var regionCount = random.Next(2, 4);
        var quarters = random.Next(4, 9);
        var reps = Enumerable.Range(0, random.Next(0, 9)).Select(i => new HiringRep(new RepId($"r{i}"),
            skills.Where(_ => random.NextDouble() < 0.5).ToHashSet(), regions[random.Next(regionCount)], 1200 + random.Next(800),
            random.NextDouble() < 0.2 ? Q1.Plus(random.Next(quarters)).Start.AddDays(random.Next(90)) : null)).ToList();
        var demand = (from s in skills from g in regions.Take(regionCount) from t in Enumerable.Range(0, quarters)
                      where random.NextDouble() < 0.7
                      select new HiringDemand(s, g, Q1.Plus(t), Math.Round(random.Next(50, 900) * (1 + 0.05 * t), 1))).ToList();
        double[][] ramps = [[], [0.5], [0.3, 0.6, 0.9], [0, 0.5]];
        return new HiringRequest(Q1, quarters, reps, 1600, demand, 0.7 + 0.2 * random.NextDouble(), 0.3 * random.NextDouble(),
            ramps[random.Next(ramps.Length)], random.Next(0, 3), random.NextDouble() < 0.7 ? random.Next(1, 4) : null,
            20_000m, 140_000m, [], TimeLimitSeconds: 20);
    }
}
