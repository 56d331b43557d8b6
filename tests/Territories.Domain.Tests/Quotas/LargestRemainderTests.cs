using Territories.Domain.Quotas;

namespace Territories.Domain.Tests.Quotas;

public class LargestRemainderTests
{
    [Fact]
    public void Split_WholeMultipleOfTheUnit_GivesMultiplesThatAddUp()
    {
        var parts = LargestRemainder.Split(1000m, [1, 1, 1], 100m);

        Assert.Equal(1000m, parts.Sum());
        Assert.All(parts, p => Assert.Equal(0m, p % 100m));
        Assert.Equal([400m, 300m, 300m], parts);
    }

    [Fact]
    public void Split_WholeNotAMultiple_PutsTheRemainderOnOnePart()
    {
        var parts = LargestRemainder.Split(1050.25m, [2, 1, 1], 100m);

        Assert.Equal(1050.25m, parts.Sum());
        Assert.Single(parts, p => p % 100m != 0);
    }

    [Fact]
    public void Split_ZeroWeight_GetsNothing()
    {
        var parts = LargestRemainder.Split(999.99m, [0, 3, 1], 0.01m);

        Assert.Equal(0m, parts[0]);
        Assert.Equal(999.99m, parts.Sum());
    }

    [Fact]
    public void Split_RandomWholesAndWeights_AlwaysAddsUpExactly()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 500; trial++)
        {
            var whole = Math.Round((decimal)random.NextDouble() * 1_000_000m, 2);
            var weights = Enumerable.Range(0, random.Next(1, 60)).Select(_ => random.NextDouble() < 0.1 ? 0 : random.NextDouble()).ToList();
            if (weights.Sum() <= 0) continue;
            var unit = new[] { 0.01m, 1m, 100m, 1000m }[random.Next(4)];

            var parts = LargestRemainder.Split(whole, weights, unit);

            Assert.Equal(whole, parts.Sum());
            Assert.All(parts, p => Assert.True(p >= 0));
            Assert.True(parts.Count(p => p % unit != 0) <= 1);
        }
    }
}
