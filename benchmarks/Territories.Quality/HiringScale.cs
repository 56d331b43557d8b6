using System.Diagnostics;
using System.Globalization;
using Territories.Domain.Hiring;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.Hiring;

namespace Territories.Quality;

/// <summary>
/// How large a hiring request the planner proves within a time limit: seeded requests of growing regions x profiles x
/// quarters (single-skilled reps, so each skill is its own profile; demand growing 3% a quarter against 12% attrition;
/// lead time 1; ramp 0.3/0.6/0.9), once with no hiring cap and once with one hire a quarter per region on average.
/// </summary>
internal static class HiringScale
{
    public const string MarkdownHeader = "| regions x profiles x quarters | cap | status | seconds | uncovered h | above bound h | cost gap |\n|---|---|---|---|---|---|---|";

    public static int Run(IReadOnlyList<(int Regions, int Skills, int Quarters)> sizes, double timeLimit, TextWriter stdout)
    {
        stdout.WriteLine(MarkdownHeader);
        foreach (var (regions, skills, quarters) in sizes)
            foreach (var capped in new[] { false, true })
            {
                var request = Generate(regions, skills, quarters, capped, timeLimit);
                var clock = Stopwatch.StartNew();
                var plan = HiringPlanner.Plan(request);
                var uncovered = plan.Shortfalls.Sum(s => s.Hours);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {regions} x {skills} x {quarters} | {(capped ? regions.ToString(CultureInfo.InvariantCulture) : "none")} | {plan.Status.ToString().ToLowerInvariant()} | {clock.Elapsed.TotalSeconds:0.0} | {uncovered:0.0} | {uncovered - (plan.UncoveredHoursBound ?? double.NaN):0.00} | {(plan.Gap is { } g ? g.ToString("P2", CultureInfo.InvariantCulture) : "-")} |"));
            }
        return 0;
    }

    public static HiringRequest Generate(int regions, int skills, int quarters, bool capped, double timeLimit)
    {
        var random = new Random(regions * 10_000 + skills * 100 + quarters);
        var start = new Quarter(2027, 1);
        var reps = new List<HiringRep>();
        var demand = new List<HiringDemand>();
        for (var g = 0; g < regions; g++)
            for (var s = 0; s < skills; s++)
            {
                var region = $"region-{g + 1}";
                var skill = $"skill-{s + 1}";
                var team = 1 + random.Next(4);
                for (var r = 0; r < team; r++) reps.Add(new HiringRep(new RepId($"{region}-{skill}-{r + 1}"), new HashSet<string> { skill }, region, 1600, null));
                var load = team * 1600 / 4 * 0.85 * (0.9 + 0.2 * random.NextDouble());
                for (var t = 0; t < quarters; t++) demand.Add(new HiringDemand(skill, region, start.Plus(t), Math.Round(load * Math.Pow(1.03, t), 1)));
            }
        return new HiringRequest(start, quarters, reps, 1600, demand, 0.85, 0.12, [0.3, 0.6, 0.9], 1, capped ? regions : null,
            20_000m, 140_000m, [], timeLimit);
    }
}
