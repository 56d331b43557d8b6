using Territories.Domain.Organisation;

namespace Territories.Tests.Shared;

/// <summary>Random organisation trees for property tests; linked into the test projects that need them.</summary>
internal static class RandomOrg
{
    /// <summary>A forest of 1-3 roots, each unit getting 0-3 children down to a random depth of at most 4 levels, listed in random order.</summary>
    public static List<OrgUnit> Tree(Random random)
    {
        var units = new List<OrgUnit>();
        var depth = random.Next(1, 5);
        void Grow(string? parent, int level)
        {
            var id = $"u{units.Count}";
            units.Add(new OrgUnit(id, $"Unit {units.Count}", parent));
            if (level + 1 >= depth) return;
            var children = parent is null ? random.Next(1, 4) : random.Next(0, 4);
            for (var c = 0; c < children; c++) Grow(id, level + 1);
        }
        for (var r = random.Next(1, 4); r > 0; r--) Grow(null, 0);
        return units.OrderBy(_ => random.Next()).ToList();
    }

    /// <summary>The ids of the tree's leaves.</summary>
    public static List<string> Leaves(IReadOnlyList<OrgUnit> units) =>
        units.Where(u => units.All(c => c.ParentId != u.Id)).Select(u => u.Id).ToList();
}
