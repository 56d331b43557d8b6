using Territories.Domain.Hiring;

namespace Territories.Planning.Hiring;

/// <summary>
/// The hours reps and hires give per quarter (contract section 6): capacity / 4 x target utilisation, times ramp[k] in a
/// hire's k-th quarter of work, times expected attrition (1 - attritionPerYear)^(k/4), and only the days worked before an
/// end date.
/// </summary>
internal sealed class HoursModel(HiringRequest request)
{
    /// <summary>Hours an existing rep gives in the t-th quarter of the horizon.</summary>
    public double Rep(HiringRep rep, int t)
    {
        var quarter = request.Start.Plus(t);
        return rep.Capacity / 4 * request.TargetUtilization * Attrition(t) * WorkedShare(rep.EndDate, quarter);
    }

    /// <summary>Hours one hire gives in its k-th quarter of work (k = 0 the quarter it starts).</summary>
    public double Hire(int k) =>
        k < 0 ? 0 : request.HireCapacity / 4 * request.TargetUtilization * (k < request.Ramp.Count ? request.Ramp[k] : 1) * Attrition(k);

    public bool IsWorking(HiringRep rep, int t) => WorkedShare(rep.EndDate, request.Start.Plus(t)) > 0;

    private double Attrition(int quarters) => Math.Pow(1 - request.AttritionPerYear, quarters / 4.0);

    private static double WorkedShare(DateOnly? end, Quarter quarter)
    {
        if (end is not { } last || last >= quarter.End) return 1;
        if (last < quarter.Start) return 0;
        return (double)(last.DayNumber - quarter.Start.DayNumber + 1) / (quarter.End.DayNumber - quarter.Start.DayNumber + 1);
    }
}

/// <summary>A hire profile: a region and the skills a hire there would have.</summary>
internal sealed record Profile(string Region, IReadOnlySet<string> Skills)
{
    /// <summary>
    /// The skill sets seen among each region's reps, and each single skill demanded in a region, less every profile whose
    /// skills another profile of its region includes: that one does all its work at the same hours and cost, so the
    /// narrower profile only adds equivalent plans for the search to tell apart.
    /// </summary>
    public static List<Profile> All(HiringRequest request)
    {
        var candidates = new List<Profile>();
        void Add(string region, IEnumerable<string> skills)
        {
            var set = skills.ToHashSet(StringComparer.Ordinal);
            if (set.Count > 0 && !candidates.Any(p => p.Region == region && p.Skills.SetEquals(set))) candidates.Add(new Profile(region, set));
        }
        foreach (var rep in request.Reps) Add(rep.Region, rep.Skills);
        foreach (var demand in request.Demand) Add(demand.Region, [demand.Skill]);
        return candidates.Where(p => !candidates.Any(q => q.Region == p.Region && q.Skills.IsProperSupersetOf(p.Skills))).ToList();
    }

    public IReadOnlyList<string> SortedSkills => Skills.Order(StringComparer.Ordinal).ToList();
}
