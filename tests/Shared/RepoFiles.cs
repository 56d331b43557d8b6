namespace Territories.Tests.Shared;

/// <summary>Files committed with the repository (data/geo, data/sample), found from the test binaries upwards.</summary>
internal static class RepoFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Territories.sln"))) return System.IO.Path.Combine(dir.FullName, relative);
        }
        throw new InvalidOperationException("the repository root (Territories.sln) is not above the test binaries");
    }
}
