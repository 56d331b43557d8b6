namespace Territories.Cli.Tests;

/// <summary>Help for every command, suggestions for mistyped names, and what a bad command line answers (exit code 2).</summary>
public sealed class CommandLineTests : CliHarness
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_ListsEveryCommandOnStandardOutputAndExitsZero(string help)
    {
        var (exit, stdout, _) = await Run(help);

        Assert.Equal(0, exit);
        foreach (var command in new[] { "solve", "map", "quotas", "hire", "hire-request", "generate", "build-geodata", "import-gap" })
            Assert.Contains($"  {command}", stdout);
    }

    [Theory]
    [InlineData("solve", "--time-limit")]
    [InlineData("hire", "--time-limit")]
    [InlineData("quotas", "--csv")]
    [InlineData("generate", "--accounts")]
    [InlineData("map", "--problem")]
    public async Task CommandHelp_DescribesTheCommandsOptions(string command, string option)
    {
        var (exit, stdout, _) = await Run(command, "--help");
        var (viaHelp, sameText, _) = await Run("help", command);

        Assert.Equal((0, 0), (exit, viaHelp));
        Assert.Contains($"territories {command}", stdout);
        Assert.Contains(option, stdout);
        Assert.Equal(stdout, sameText);
    }

    [Fact]
    public async Task MistypedCommand_SuggestsTheNearestAndExitsTwo()
    {
        var (exit, stdout, stderr) = await Run("slove", "p.json");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("'slove' was not matched. Did you mean", stderr);
        Assert.Contains("solve", stderr);
    }

    [Fact]
    public async Task MistypedOption_SuggestsTheNearestAndExitsTwo()
    {
        var (exit, _, stderr) = await Run("solve", "--tme-limit", "3", Write("p.json", "{}"));

        Assert.Equal(2, exit);
        Assert.Contains("unknown option --tme-limit; did you mean --time-limit?", stderr);
    }

    [Fact]
    public async Task MissingRequiredOption_NamesItAndExitsTwo()
    {
        var (exit, _, stderr) = await Run("generate", "--reps", "3");

        Assert.Equal(2, exit);
        Assert.Contains("--accounts", stderr);
    }

    [Fact]
    public async Task NoCommand_SaysSoWithTheUsageAndExitsTwo()
    {
        var (exit, _, stderr) = await Run();

        Assert.Equal(2, exit);
        Assert.Contains("no command given", stderr);
        Assert.Contains("Usage:", stderr);
    }
}
