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

    [Fact]
    public void A_peer_seed_reaches_the_peers_cpsat_parameters()
    {
        var options = RunOptions.Parse(["--sets", "none", "--peer-seed", "7"], new StringWriter());

        Assert.NotNull(options);
        Assert.Equal(7, options.PeerSeed);
        Assert.Contains("random_seed:7", Peers.ContractCpSat.Parameters(2, 60, options.PeerSeed));
        Assert.DoesNotContain("random_seed", Peers.ContractCpSat.Parameters(2, 60, RunOptions.Parse(["--sets", "none"], new StringWriter())!.PeerSeed));
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("two")]
    public void A_peer_seed_that_is_not_a_whole_number_is_refused_naming_the_option(string seed)
    {
        var errors = new StringWriter();

        var options = RunOptions.Parse(["--sets", "none", "--peer-seed", seed], errors);

        Assert.Null(options);
        Assert.Contains("--peer-seed", errors.ToString());
        Assert.Contains(seed, errors.ToString());
    }
}
