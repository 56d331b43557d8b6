namespace Territories.Planning.TerritoryDesign;

/// <summary>Connectivity of one territory in a plan that gives each unit a territory (a rep or a district).</summary>
internal static class Territory
{
    /// <summary>True when the units of <paramref name="territory"/>, leaving out <paramref name="without"/> (-1: none), are non-empty and connected.</summary>
    public static bool IsConnected(int[] territoryOf, IReadOnlyList<List<int>> neighbours, int territory, int without = -1)
    {
        var start = -1;
        var count = 0;
        for (var u = 0; u < territoryOf.Length; u++)
        {
            if (u == without || territoryOf[u] != territory) continue;
            count++;
            if (start < 0) start = u;
        }
        if (count == 0) return false;
        var seen = new HashSet<int> { start };
        var queue = new Queue<int>([start]);
        while (queue.TryDequeue(out var u))
        {
            foreach (var v in neighbours[u])
                if (v != without && territoryOf[v] == territory && seen.Add(v)) queue.Enqueue(v);
        }
        return seen.Count == count;
    }
}
