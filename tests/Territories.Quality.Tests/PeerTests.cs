using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Quality.Peers;
using Territories.Tests.Shared;

namespace Territories.Quality.Tests;

/// <summary>The textbook peers on problems small enough to enumerate every plan: they are yardsticks, so they must be right.</summary>
public sealed class PeerTests
{
    private static readonly GeoPoint[] Homes = [new(40.0, -75.0), new(40.5, -74.0), new(41.0, -75.5)];

    /// <summary>Seven accounts, three reps; a ±20% workload band, a move cap of 2 of 6, travel, disruption and balance weighted 1.</summary>
    private static TerritoryProblem Rebalancing()
    {
        var reps = Homes.Select((h, i) => Build.Rep($"r{i}", capacity: 60, home: h, skills: i == 2 ? ["finance"] : [])).ToList();
        var accounts = new[]
        {
            Build.Account("a0", 10, location: new GeoPoint(40.1, -75.1), revenue: 100, current: "r0"),
            Build.Account("a1", 12, location: new GeoPoint(40.4, -74.2), revenue: 300, current: "r0"),
            Build.Account("a2", 8, location: new GeoPoint(40.9, -75.4), revenue: 50, current: "r0"),
            Build.Account("a3", 14, location: new GeoPoint(40.6, -74.1), revenue: 200, current: "r0"),
            Build.Account("a4", 9, skills: ["finance"], location: new GeoPoint(40.2, -75.0), revenue: 80, current: "r2"),
            Build.Account("a5", 11, location: new GeoPoint(41.1, -75.6), revenue: 120, current: "r1"),
            Build.Account("a6", 7, location: new GeoPoint(40.5, -74.6)),
        };
        var options = SolveOptions.Default with
        {
            Weights = new ObjectiveWeights(1, 1, 1, 0),
            WeightsGiven = true,
            Balance = new BalanceRule(BalanceMetric.Workload, 0.20),
            MaxMovedShare = 2.0 / 6,
        };
        return TerritoryProblem.Create(reps, accounts, options);
    }

    /// <summary>A generalised assignment problem: pairs for every account and rep, cost only.</summary>
    private static TerritoryProblem Gap(double capacity)
    {
        var reps = Enumerable.Range(0, 3).Select(i => Build.Rep($"r{i}", capacity)).ToList();
        var accounts = Enumerable.Range(0, 6).Select(i => Build.Account($"a{i}", 1)).ToList();
        var pairs = (from a in Enumerable.Range(0, 6)
                     from r in Enumerable.Range(0, 3)
                     select new Pair(new AccountId($"a{a}"), new RepId($"r{r}"), (a * 7 + r * 5) % 11 + 1, 3 + (a + 2 * r) % 4)).ToList();
        var options = SolveOptions.Default with { Weights = new ObjectiveWeights(0, 0, 0, 1), WeightsGiven = true, PairsOnly = true };
        return TerritoryProblem.Create(reps, accounts, options, pairs);
    }

    /// <summary>The best objective over every plan the evaluator accepts, or null when none does.</summary>
    private static decimal? BruteForce(TerritoryProblem problem)
    {
        var n = problem.Accounts.Count;
        var m = problem.Reps.Count;
        decimal? best = null;
        var repOf = new int[n];
        for (var code = 0; code < (int)Math.Pow(m, n); code++)
        {
            for (int a = 0, c = code; a < n; a++, c /= m) repOf[a] = c % m;
            var evaluation = PlanEvaluator.Evaluate(problem, repOf);
            if (evaluation.IsFeasible && (best is null || evaluation.Objective < best)) best = evaluation.Objective;
        }
        return best;
    }

    [Fact]
    public void PlainCpSat_OnAGap_FindsTheOptimumAndProvesIt()
    {
        var problem = Gap(capacity: 9);
        var optimum = BruteForce(problem);

        var peers = PeerComparison.Run(problem, seconds: 30, workers: 1);

        Assert.Equal(optimum, peers.PlainCpSat.Objective);
        Assert.Equal("optimal", peers.PlainCpSat.Status);
        Assert.Equal(optimum, peers.ExactBound);
        Assert.True(peers.LpBound <= optimum + 1e-6m, $"LP bound {peers.LpBound} above the optimum {optimum}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void PlainCpSat_UnderAnotherRandomSeed_StillFindsTheOptimumAndProvesIt(int seed)
    {
        var problem = Gap(capacity: 9);
        var optimum = BruteForce(problem);

        var peers = PeerComparison.Run(problem, seconds: 30, workers: 1, seed);

        Assert.Equal(optimum, peers.PlainCpSat.Objective);
        Assert.Equal("optimal", peers.PlainCpSat.Status);
    }

    [Fact]
    public void PlainCpSat_WithBandMoveCapSkillsAndThreeWeights_MatchesTheBestPlanTheEvaluatorAccepts()
    {
        var problem = Rebalancing();
        var optimum = BruteForce(problem)!.Value;

        var peers = PeerComparison.Run(problem, seconds: 30, workers: 1);

        // The integer model rounds the objective's coefficients (about 1e-9 of its range), so it may pick a plan a hair off.
        Assert.InRange(peers.PlainCpSat.Objective!.Value, optimum, optimum * 1.0001m);
        Assert.True(peers.LpBound <= optimum + 1e-6m, $"LP bound {peers.LpBound} above the optimum {optimum}");
    }

    [Fact]
    public void LpAndFix_WhenTheLpIsIntegral_FixesEveryAccount_AndReturnsTheOptimum()
    {
        // Without the band and the move cap the LP puts every account at its cheapest rep: nothing is left fractional.
        var tight = Rebalancing();
        var problem = tight.WithOptions(tight.Options with { Balance = BalanceRule.Default, MaxMovedShare = null, Weights = new ObjectiveWeights(0, 1, 1, 0) });
        var optimum = BruteForce(problem)!.Value;

        var peers = PeerComparison.Run(problem, seconds: 30, workers: 1);

        Assert.Equal(0, peers.FractionalAccounts);
        Assert.Equal("feasible", peers.LpAndFix.Status);
        Assert.InRange(peers.LpAndFix.Objective!.Value, optimum, optimum * 1.0001m);
        Assert.InRange(peers.LpBound!.Value, optimum * 0.9999m, optimum * 1.0001m);
    }

    [Fact]
    public void LpAndFix_WithTheBandAndMoveCap_ReturnsAValidPlanOrSaysFixingLeftNone()
    {
        var problem = Rebalancing();
        var optimum = BruteForce(problem)!.Value;

        var fix = PeerComparison.Run(problem, seconds: 30, workers: 1).LpAndFix;

        // Textbook LP-and-fix can fix its way into a corner; it must then say so, never return a broken plan.
        if (fix.Objective is { } objective) Assert.True(objective >= optimum - 1e-9m);
        else Assert.Equal("infeasible after fixing", fix.Status);
    }

    [Fact]
    public void Peers_WhenNoPlanMeetsTheCapacities_SayInfeasible()
    {
        var problem = Gap(capacity: 5); // six accounts of at least 3 hours, three reps of 5: at most one each

        var peers = PeerComparison.Run(problem, seconds: 30, workers: 1);

        Assert.Null(BruteForce(problem));
        Assert.Equal("infeasible", peers.PlainCpSat.Status);
        Assert.Null(peers.PlainCpSat.Objective);
        Assert.Equal("infeasible (LP)", peers.LpAndFix.Status);
        Assert.Null(peers.Best);
    }

    [Fact]
    public void Peers_BandOnPairWorkloads_AreNotModelled()
    {
        var gap = Gap(capacity: 9);
        var problem = gap.WithOptions(gap.Options with { Balance = new BalanceRule(BalanceMetric.Workload, 0.5) });

        var peers = PeerComparison.Run(problem, seconds: 30, workers: 1);

        Assert.Equal("not modelled", peers.PlainCpSat.Status);
        Assert.Equal("not modelled", peers.LpAndFix.Status);
    }
}
