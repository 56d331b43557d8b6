using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using Territories.Domain.Model;

namespace Territories.Geo;

/// <summary>How two units must touch to be neighbours.</summary>
public enum Touching
{
    /// <summary>They share a stretch of boundary (a line), as a rook moves.</summary>
    Rook,
    /// <summary>They share at least a point (corners count), as a queen moves.</summary>
    Queen,
}

/// <summary>Two neighbouring units; <c>Bridged</c> when no boundary joins them and the edge attaches an island to its nearest unit.</summary>
public sealed record UnitEdge(UnitId A, UnitId B, bool Bridged);

/// <summary>
/// Which units neighbour which, from their shapes. Boundaries closer than <c>tolerance</c> (degrees) count as touching,
/// so shapes digitised separately still join. Parts of the map that touch nothing else (islands, or a state's piece
/// across a bay) are attached to their nearest unit by a <c>Bridged</c> edge, so the unit graph is connected and every
/// territory can be made contiguous.
/// </summary>
public static class UnitAdjacency
{
    public const double DefaultTolerance = 1e-6;

    public static IReadOnlyList<UnitEdge> FromShapes(IReadOnlyList<UnitShape> units, Touching touching = Touching.Rook, double tolerance = DefaultTolerance)
    {
        var index = new STRtree<int>();
        for (var i = 0; i < units.Count; i++) index.Insert(units[i].Geometry.EnvelopeInternal, i);
        index.Build();
        var edges = new List<UnitEdge>();
        for (var i = 0; i < units.Count; i++)
        {
            var envelope = new Envelope(units[i].Geometry.EnvelopeInternal);
            envelope.ExpandBy(tolerance);
            foreach (var j in index.Query(envelope).Where(j => j > i).Order())
            {
                if (Touch(units[i].Geometry, units[j].Geometry, touching, tolerance)) edges.Add(new UnitEdge(units[i].Id, units[j].Id, false));
            }
        }
        edges.AddRange(Bridges(units, edges, index));
        return edges;
    }

    /// <summary>The units as the contract's <c>units</c> list: each with its neighbours.</summary>
    public static IReadOnlyList<Unit> ToUnits(IReadOnlyList<UnitShape> shapes, IReadOnlyList<UnitEdge> edges)
    {
        var neighbours = shapes.ToDictionary(s => s.Id, _ => new List<UnitId>());
        foreach (var edge in edges)
        {
            neighbours[edge.A].Add(edge.B);
            neighbours[edge.B].Add(edge.A);
        }
        return shapes.Select(s => new Unit(s.Id, neighbours[s.Id].OrderBy(n => n.Value, StringComparer.Ordinal).ToList())).ToList();
    }

    private static bool Touch(Geometry a, Geometry b, Touching touching, double tolerance)
    {
        if (a.Distance(b) > tolerance) return false;
        if (touching == Touching.Queen) return true;
        // The robust overlay: boundaries rounded to 1e-5 degrees can cross in ways plain overlay rejects.
        var shared = OverlayNGRobust.Overlay(a.Boundary, tolerance > 0 ? b.Buffer(tolerance) : b.Boundary, SpatialFunction.Intersection);
        // Corners that touch within the tolerance share a few tolerances of boundary; a real border is far longer.
        return shared.Length > 100 * Math.Max(tolerance, 1e-9);
    }

    /// <summary>Joins every connected component but the largest to the nearest unit outside it, until one component is left.</summary>
    private static List<UnitEdge> Bridges(IReadOnlyList<UnitShape> units, List<UnitEdge> edges, STRtree<int> index)
    {
        var position = units.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var components = new DisjointSets(units.Count);
        foreach (var e in edges) components.Join(position[e.A], position[e.B]);
        var bridges = new List<UnitEdge>();
        while (components.Count > 1)
        {
            var groups = Enumerable.Range(0, units.Count).GroupBy(components.Find).OrderBy(g => g.Count()).ThenBy(g => g.Min()).ToList();
            var smallest = groups[0].ToHashSet();
            var (from, to) = smallest
                .Select(i => (From: i, To: Nearest(units, index, i, smallest)))
                .MinBy(p => units[p.From].Geometry.Distance(units[p.To].Geometry));
            bridges.Add(new UnitEdge(units[from].Id, units[to].Id, true));
            components.Join(from, to);
        }
        return bridges;
    }

    private static int Nearest(IReadOnlyList<UnitShape> units, STRtree<int> index, int unit, HashSet<int> exclude)
    {
        var geometry = units[unit].Geometry;
        for (var radius = Math.Max(geometry.EnvelopeInternal.Width, 0.1); ; radius *= 2)
        {
            var envelope = new Envelope(geometry.EnvelopeInternal);
            envelope.ExpandBy(radius);
            var near = index.Query(envelope).Where(j => !exclude.Contains(j)).ToList();
            if (near.Count > 0) return near.MinBy(j => geometry.Distance(units[j].Geometry));
            if (radius > 720) return Enumerable.Range(0, units.Count).Where(j => !exclude.Contains(j)).MinBy(j => geometry.Distance(units[j].Geometry));
        }
    }

    private sealed class DisjointSets(int size)
    {
        private readonly int[] _parent = Enumerable.Range(0, size).ToArray();

        public int Count { get; private set; } = size;

        public int Find(int x)
        {
            while (_parent[x] != x) x = _parent[x] = _parent[_parent[x]];
            return x;
        }

        public void Join(int a, int b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra == rb) return;
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            Count--;
        }
    }
}
