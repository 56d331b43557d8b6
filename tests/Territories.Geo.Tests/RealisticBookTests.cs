using Territories.Domain.Contracts;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Samples;
using Territories.Tests.Shared;

namespace Territories.Geo.Tests;

/// <summary>The realistic rebalancing book on the bundled county atlas (data/geo): what its recipe promises.</summary>
public sealed class RealisticBookTests
{
    private static readonly Lazy<IReadOnlyList<UnitShape>> Counties = new(() => UnitShapes.Read(File.ReadAllText(RepoFiles.Path("data/geo/us-counties.geojson"))));

    // Alabama, Georgia, Tennessee: 2,000 accounts, 24 reps.
    private static readonly Lazy<TerritoryProblem> Book = new(() => Generate(seed: 3));

    private static TerritoryProblem Generate(int seed) =>
        RealisticBook.Generate(new SyntheticBookSettings(2000, 24, seed), Counties.Value, ["01", "13", "47"]);

    [Fact]
    public void Generate_SameSeed_SameBook_AnotherSeed_AnotherBook()
    {
        var again = Generate(seed: 3);
        var other = Generate(seed: 4);

        Assert.Equal(TerritoryProblemWriter.Write(Book.Value), TerritoryProblemWriter.Write(again));
        Assert.NotEqual(TerritoryProblemWriter.Write(Book.Value), TerritoryProblemWriter.Write(other));
    }

    [Fact]
    public void Generate_AccountsLieInTheChosenStatesOnly()
    {
        var book = Book.Value;
        var locator = new UnitLocator(Counties.Value);

        var states = book.Accounts.Select(a => locator.UnitOf(a.Location!.Value)?.Value[..2]).ToHashSet();

        Assert.Subset(new HashSet<string?> { "01", "13", "47" }, states);
        Assert.Equal(2000, book.Accounts.Count);
        Assert.Equal(24, book.Reps.Count);
    }

    [Fact]
    public void Generate_Skills_TierAAccountsNeedEnterprise_AboutSixPercentNeedTwo_EveryNeedIsServable()
    {
        var book = Book.Value;

        Assert.All(book.Accounts.Where(a => a.Tier == "A"), a => Assert.Contains(RealisticBook.Enterprise, a.RequiredSkills));
        Assert.All(book.Accounts.SelectMany(a => a.RequiredSkills), s => Assert.Contains(s, RealisticBook.Industries.Append(RealisticBook.Enterprise)));
        Assert.InRange(book.Accounts.Count(a => a.RequiredSkills.Count == 2) / 2000.0, 0.05, 0.07);
        Assert.All(book.Accounts, a => Assert.True(book.Reps.Count(r => r.HasSkills(a.RequiredSkills)) >= 3, $"{a.Id} needs {string.Join("+", a.RequiredSkills)}"));
    }

    [Fact]
    public void Generate_OnePercentLockedToTheirCurrentRep_FivePercentProspectsWithoutRepOrRevenue()
    {
        var book = Book.Value;

        var locked = book.Accounts.Where(a => a.LockedRepId is not null).ToList();
        var prospects = book.Accounts.Where(a => a.CurrentRepId is null).ToList();

        Assert.Equal(20, locked.Count);
        Assert.All(locked, a => Assert.Equal(a.CurrentRepId, a.LockedRepId));
        Assert.Equal(100, prospects.Count);
        Assert.All(prospects, a => Assert.Equal(0m, a.Revenue));
        Assert.All(book.Accounts.Where(a => a.CurrentRepId is { } id), a => Assert.True(book.HasRep(a.CurrentRepId!.Value)));
    }

    [Fact]
    public void Generate_Rules_BandTenPercent_MaxAccounts_ThreeEqualWeights_MoveCapByBookSize()
    {
        var options = Book.Value.Options;

        Assert.Equal(new BalanceRule(BalanceMetric.Workload, 0.10), options.Balance);
        Assert.Equal(new ObjectiveWeights(1, 1, 1, 0), options.Weights);
        Assert.True(options.WeightsGiven);
        Assert.Equal(0.2, options.MaxMovedShare);
        Assert.All(Book.Value.Reps, r => Assert.Equal(150, r.MaxAccounts)); // ceil(1.8 x 2000 / 24)
        Assert.Equal(0.15, RealisticBook.MaxMovedShare(10_000));
        Assert.Equal(0.2, RealisticBook.MaxMovedShare(9_999));
    }

    [Fact]
    public void Generate_CurrentPlan_IsUnbalancedFarOutsideTheBand()
    {
        var book = Book.Value;
        var current = book.Accounts.Select((_, a) => book.CurrentRepIndexOf(a)).ToArray();

        var loads = PlanEvaluator.Evaluate(book, current).Reps.Select(r => r.Workload / r.FairShare).ToList();

        Assert.InRange(loads.Min(), 0.45, 0.65);
        Assert.InRange(loads.Max(), 1.35, 1.6);
    }

    [Fact]
    public void Generate_MoveCap_Binds_TheNearestSkilledRepPlanMovesFarMoreThanItAllows()
    {
        var book = Book.Value;
        var nearest = book.Accounts.Select((_, a) => book.EligibleRepsOf(a).MinBy(r => book.DistanceKm(a, r))).ToArray();

        var moved = Enumerable.Range(0, book.Accounts.Count).Count(a => book.CurrentRepIndexOf(a) is >= 0 and var c && c != nearest[a]);
        var limit = RuleLimits.MovedLimit(0.2, book.Accounts.Count(a => a.CurrentRepId is not null));

        Assert.True(moved > 2 * limit, $"the travel-optimal plan moves {moved} accounts, the cap allows {limit}");
    }

    [Fact]
    public void Generate_UnknownState_NamesIt()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            RealisticBook.Generate(new SyntheticBookSettings(100, 20, 1), Counties.Value, ["01", "99"]));

        Assert.Contains(error.Errors, e => e.Path == "--state" && e.Message.Contains("\"99\"", StringComparison.Ordinal));
    }
}
