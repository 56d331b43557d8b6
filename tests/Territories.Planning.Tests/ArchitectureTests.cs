using System.Reflection;
using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Tests.Shared;

namespace Territories.Planning.Tests;

/// <summary>Keeps the dependency direction of the architecture true: Domain depends on nothing, Planning only on OR-Tools.</summary>
public class ArchitectureTests
{
    private static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Fact]
    public void Domain_ReferencesOnlyTheFramework()
    {
        var outside = References(typeof(TerritoryProblem).Assembly)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && name != "mscorlib");
        Assert.Empty(outside);
    }

    [Fact]
    public void Planning_NeverReferencesWebStorageOrGeometry()
    {
        var forbidden = new[] { "Microsoft.AspNetCore", "Npgsql", "NetTopologySuite", "Microsoft.Data.Sqlite" };
        var references = References(typeof(AssignmentSolver).Assembly).ToList();
        Assert.DoesNotContain(references, name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
        Assert.Contains("Territories.Domain", references);
    }

    [Fact]
    public void Planning_ExposesNoOrToolsType()
    {
        var leaking = typeof(AssignmentSolver).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(MemberTypes)
            .Where(t => t.Namespace?.StartsWith("Google", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Empty(leaking);
    }

    /// <summary>
    /// One CP-SAT harness: the account model, the unit model, districting and the medians all run through
    /// <c>CpSatHarness</c>, so workers, seed, the time limits and cancellation mean the same for each.
    /// </summary>
    [Fact]
    public void Planning_RunsCpSatOnlyThroughTheHarness()
    {
        var separator = System.IO.Path.DirectorySeparatorChar;
        var creating = Directory.EnumerateFiles(RepoFiles.Path("src/Territories.Planning"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}") && File.ReadAllText(f).Contains("new CpSolver"))
            .Select(System.IO.Path.GetFileName);
        Assert.Equal(["CpSatHarness.cs"], creating);
    }

    private static IEnumerable<Type> MemberTypes(MemberInfo member) => member switch
    {
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        _ => [],
    };
}
