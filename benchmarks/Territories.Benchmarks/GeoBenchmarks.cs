using BenchmarkDotNet.Attributes;
using Territories.Domain.Model;
using Territories.Geo;

namespace Territories.Benchmarks;

/// <summary>Geometry over the bundled counties (data/geo): adjacency of the 254 Texas counties and point-in-polygon of 20,000 points in the US.</summary>
[MemoryDiagnoser]
public class GeoBenchmarks
{
    private IReadOnlyList<UnitShape> _counties = null!;
    private IReadOnlyList<UnitShape> _texas = null!;
    private UnitLocator _locator = null!;
    private GeoPoint[] _points = null!;

    [GlobalSetup]
    public void Setup()
    {
        _counties = UnitShapes.Read(File.ReadAllText(RepoFile("data/geo/us-counties.geojson")));
        _texas = _counties.Where(c => c.Text("stateFips") == "48").ToList();
        _locator = new UnitLocator(_counties);
        var random = new Random(7);
        _points = Enumerable.Range(0, 20_000).Select(_ => new GeoPoint(25 + random.NextDouble() * 24, -124 + random.NextDouble() * 57)).ToArray();
    }

    [Benchmark]
    public IReadOnlyList<UnitEdge> TexasAdjacency() => UnitAdjacency.FromShapes(_texas);

    [Benchmark]
    public int PointInPolygon20k() => _points.Count(p => _locator.UnitOf(p) is not null);

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Territories.sln"))) return Path.Combine(dir.FullName, relative);
        }
        return Path.GetFullPath(relative);
    }
}
