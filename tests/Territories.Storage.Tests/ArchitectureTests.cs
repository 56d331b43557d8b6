namespace Territories.Storage.Tests;

/// <summary>The store depends on the Domain and its database drivers only: no web framework, solver or geometry.</summary>
public class ArchitectureTests
{
    [Fact]
    public void Storage_NeverReferencesWebSolverOrGeometry()
    {
        var forbidden = new[] { "Microsoft.AspNetCore", "Google.OrTools", "NetTopologySuite", "Territories.Planning", "Territories.Api" };
        var references = typeof(TerritoryStore).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
        Assert.Contains("Npgsql", references);
        Assert.Contains("Microsoft.Data.Sqlite", references);
    }
}
