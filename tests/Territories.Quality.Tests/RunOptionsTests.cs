namespace Territories.Quality.Tests;

/// <summary>The runner's command line: a mistake is named before any book is generated or solved.</summary>
public sealed class RunOptionsTests
{
    [Fact]
    public void A_realistic_family_without_its_county_atlas_is_refused_naming_the_option_and_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-atlas-{Guid.NewGuid():N}.geojson");
        var errors = new StringWriter();

        var options = RunOptions.Parse(["--family", "realistic", "--sizes", "1000", "--seeds", "401", "--counties", missing], errors);

        Assert.Null(options);
        Assert.Contains("--counties", errors.ToString());
        Assert.Contains(missing, errors.ToString());
    }

    [Fact]
    public void A_realistic_family_with_its_county_atlas_is_accepted()
    {
        var atlas = Path.GetTempFileName();
        try
        {
            var options = RunOptions.Parse(["--family", "realistic", "--sizes", "1000", "--seeds", "401,402", "--counties", atlas], new StringWriter());

            Assert.NotNull(options);
            Assert.Equal([401, 402], options.Family!.Seeds);
            Assert.Equal(atlas, options.Family.Counties);
        }
        finally
        {
            File.Delete(atlas);
        }
    }
}
