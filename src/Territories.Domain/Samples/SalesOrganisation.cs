using Territories.Domain.Model;
using Territories.Domain.Organisation;

namespace Territories.Domain.Samples;

/// <summary>
/// A sales organisation as field teams are built: districts of three to eight reps who live near each other, grouped into
/// regions of about √districts districts, regions cut west to east and districts north to south inside a region.
/// Reps without a home keep their order. The same reps always give the same tree.
/// </summary>
public static class SalesOrganisation
{
    public const int SmallestDistrict = 3;
    public const int LargestDistrict = 8;

    /// <summary>The tree and the reps, each now in its district.</summary>
    public static (IReadOnlyList<OrgUnit> Units, IReadOnlyList<Rep> Reps) Build(IReadOnlyList<Rep> reps)
    {
        var districtSize = Math.Clamp(reps.Count / 4, SmallestDistrict, LargestDistrict);
        var districts = Math.Max(1, (int)Math.Round(reps.Count / (double)districtSize));
        var regions = Math.Max(1, (int)Math.Round(Math.Sqrt(districts)));
        var names = RegionNames(regions);
        var units = new List<OrgUnit>();
        var unitOf = new string[reps.Count];
        var byLongitude = Enumerable.Range(0, reps.Count).OrderBy(r => reps[r].Home?.Lon ?? r).ThenBy(r => r).ToList();
        var region = 0;
        foreach (var regionReps in Split(byLongitude, regions))
        {
            var regionId = $"region-{region + 1}";
            units.Add(new OrgUnit(regionId, names[region], null));
            var districtCount = Math.Max(1, (int)Math.Round(regionReps.Count / (double)districtSize));
            var byLatitude = regionReps.OrderByDescending(r => reps[r].Home?.Lat ?? -r).ThenBy(r => r).ToList();
            var district = 0;
            foreach (var districtReps in Split(byLatitude, districtCount))
            {
                var districtId = $"{regionId}-d{district + 1}";
                units.Add(new OrgUnit(districtId, $"{names[region]} district {district + 1}", regionId));
                foreach (var r in districtReps) unitOf[r] = districtId;
                district++;
            }
            region++;
        }
        return (units, reps.Select((rep, r) => rep with { OrgUnitId = unitOf[r] }).ToList());
    }

    /// <summary>Cuts the list into <paramref name="parts"/> runs whose lengths differ by at most one.</summary>
    private static IEnumerable<List<int>> Split(List<int> items, int parts)
    {
        for (var p = 0; p < parts; p++)
        {
            var from = items.Count * p / parts;
            var to = items.Count * (p + 1) / parts;
            if (to > from) yield return items.GetRange(from, to - from);
        }
    }

    private static string[] RegionNames(int count) => count switch
    {
        1 => ["Field"],
        2 => ["West", "East"],
        3 => ["West", "Central", "East"],
        4 => ["West", "Mountain", "Central", "East"],
        _ => Enumerable.Range(1, count).Select(i => $"Region {i}").ToArray(),
    };
}
