using Territories.Domain.Contracts;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Visits;

namespace Territories.Domain.Tests.Visits;

public sealed class ClassifierTests
{
    private static Account Account(string id, decimal potential, decimal revenue, string? rep = "r1") =>
        new(new AccountId(id), null, null, null, null, new HashSet<string>(), 1, potential, revenue, rep is null ? null : new RepId(rep), null, null);

    [Fact]
    public void Classify_ByPotential_CutsAtTheCumulativeShares_AndTheCrossingAccountStaysInTheUpperTier()
    {
        // Shares: 50, 80, 90, 95, 100 (%), one prospect (no revenue, no rep) kept apart.
        var accounts = new[]
        {
            Account("a3", 100, 1), Account("a1", 500, 1), Account("a2", 300, 1), Account("a4", 50, 1), Account("a5", 50, 1),
            Account("p1", 900, 0, rep: null),
        };

        var classification = Classifier.Classify(accounts, ClassificationOptions.Default);

        var byId = classification.Accounts.ToDictionary(t => t.AccountId.Value);
        Assert.Equal(("A", 1, 0.5), (byId["a1"].Tier, byId["a1"].Rank!.Value, byId["a1"].CumulativeShare!.Value));
        Assert.Equal(("A", 2, 0.8), (byId["a2"].Tier, byId["a2"].Rank!.Value, byId["a2"].CumulativeShare!.Value));
        Assert.Equal("B", byId["a3"].Tier);
        Assert.Equal("B", byId["a4"].Tier);
        Assert.Equal(("C", 5, 1.0), (byId["a5"].Tier, byId["a5"].Rank!.Value, byId["a5"].CumulativeShare!.Value));
        Assert.Equal((Classifier.Prospect, (int?)null), (byId["p1"].Tier, byId["p1"].Rank));
        Assert.Equal(new Dictionary<string, int> { ["A"] = 2, ["B"] = 2, ["C"] = 1, ["prospect"] = 1 }, classification.Tiers);
        Assert.Equal(accounts.Select(a => a.Id), classification.Accounts.Select(t => t.AccountId));
    }

    [Fact]
    public void Classify_ByRevenueOrBlend_RanksByThatValue_AndAccountsWithoutValueAreC()
    {
        var accounts = new[] { Account("big-potential", 1000, 10), Account("big-revenue", 10, 1000), Account("nothing", 0, 0) };

        var byRevenue = Classifier.Classify(accounts, ClassificationOptions.Default with { By = ClassificationValue.Revenue });
        var blend = Classifier.Classify(accounts, ClassificationOptions.Default with { By = ClassificationValue.Blend, PotentialWeight = 0.9 });

        Assert.Equal("big-revenue", byRevenue.Accounts.Single(t => t.Rank == 1).AccountId.Value);
        Assert.Equal("big-potential", blend.Accounts.Single(t => t.Rank == 1).AccountId.Value);
        Assert.Equal(901m, blend.Accounts.Single(t => t.Rank == 1).Value);
        Assert.Equal("C", byRevenue.Accounts.Single(t => t.AccountId.Value == "nothing").Tier);
    }

    [Theory]
    [InlineData("""{ "by": "margin" }""", "by")]
    [InlineData("""{ "a": 1.5 }""", "a")]
    [InlineData("""{ "a": 0.9, "b": 0.6 }""", "b")]
    [InlineData("""{ "cutoff": 0.9 }""", "cutoff")]
    public void Read_BadOptions_NameTheField(string json, string path)
    {
        var error = Assert.Throws<InvalidInputException>(() => ClassificationReader.Read(json));

        Assert.Contains(error.Errors, e => e.Path == path);
    }

    [Fact]
    public void PlanEvaluation_CountsEachRepsAccountsPerTier()
    {
        var reps = new[] { new Rep(new RepId("r1"), null, null, new HashSet<string>(), 100, null, null), new Rep(new RepId("r2"), null, null, new HashSet<string>(), 100, null, null) };
        var accounts = new[] { Account("a1", 1, 1) with { Tier = "A" }, Account("a2", 1, 1) with { Tier = "C" }, Account("a3", 1, 1) with { Tier = "A" }, Account("a4", 1, 1) };
        var problem = TerritoryProblem.Create(reps, accounts);

        var evaluation = PlanEvaluator.Evaluate(problem, [0, 0, 1, 1]);

        Assert.Equal(new Dictionary<string, int> { ["A"] = 1, ["C"] = 1 }, evaluation.Reps[0].Tiers);
        Assert.Equal(new Dictionary<string, int> { ["A"] = 1 }, evaluation.Reps[1].Tiers);
    }
}
