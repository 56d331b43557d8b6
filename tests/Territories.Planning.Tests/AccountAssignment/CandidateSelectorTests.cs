using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using Territories.Planning.Rules;
using Territories.Tests.Shared;
using static Territories.Planning.Tests.Problems;

namespace Territories.Planning.Tests.AccountAssignment;

public class CandidateSelectorTests
{
    /// <summary>
    /// Three reps sit among 60 accounts of 5 hours in Kansas; a fourth lives in Maine, so it is no account's nearest rep.
    /// Fair share is 75 hours each, band [67.5, 82.5]: the seed still gives the remote rep its lower side, from the accounts
    /// that cost it least, and every seed pair is a candidate.
    /// </summary>
    [Fact]
    public void Select_RemoteRepWithABand_SeedStillFillsItsLowerSide()
    {
        var reps = new[]
        {
            Build.Rep("near-a", home: new GeoPoint(38.5, -98.0)), Build.Rep("near-b", home: new GeoPoint(38.7, -97.6)),
            Build.Rep("near-c", home: new GeoPoint(38.3, -97.8)), Build.Rep("remote", home: new GeoPoint(45.0, -69.0)),
        };
        var random = new Random(7);
        var accounts = Enumerable.Range(0, 60)
            .Select(i => Build.Account($"a{i}", 5, location: new GeoPoint(38 + random.NextDouble(), -98.5 + random.NextDouble())))
            .ToList();
        var problem = TerritoryProblem.Create(reps, accounts, Options(TravelOnly, new BalanceRule(BalanceMetric.Workload, 0.10)));
        var data = AssignmentData.Build(problem, candidateLimit: 2);
        var band = BalanceBand.For(problem)!;

        var remote = problem.RepIndexOf(new RepId("remote"));
        Assert.DoesNotContain(Enumerable.Range(0, 60), a => problem.EligibleRepsOf(a).OrderBy(r => problem.DistanceKm(a, r)).Take(2).Contains(remote));
        var remoteLoad = Enumerable.Range(0, 60).Where(a => data.Seed[a] == remote).Sum(a => problem.WorkloadOf(a, remote));
        Assert.InRange(remoteLoad, band.Lower[remote], band.Upper[remote]);
        Assert.All(Enumerable.Range(0, 60), a => Assert.Contains(data.Seed[a], data.Candidates[a]));
    }

    /// <summary>
    /// The city rep (at most 20 accounts, band [153, 187]) is every small account's nearest rep and no large account's
    /// (<see cref="Problems.CityAmongSmallAccounts"/>, one candidate rep per account). Claiming its nearest accounts first,
    /// the seed gave it far more accounts than its limit, nearly all small. The seed keeps it within its limit
    /// and its band by claiming large accounts once its small ones cannot get it there, and those pairs are candidates.
    /// </summary>
    [Fact]
    public void Select_RepWithAnAccountLimitAmongSmallAccounts_SeedReachesItsBandWithinTheLimit()
    {
        var problem = CityAmongSmallAccounts();
        var data = AssignmentData.Build(problem, candidateLimit: 1);
        var band = BalanceBand.For(problem)!;
        var city = problem.RepIndexOf(new RepId("city"));

        var seeded = Enumerable.Range(0, data.AccountCount).Where(a => data.Seed[a] == city).ToList();
        Assert.InRange(seeded.Count, 1, 20);
        Assert.InRange(seeded.Sum(a => problem.WorkloadOf(a, city)), band.Lower[city], band.Upper[city]);
        Assert.Contains(seeded, a => problem.Accounts[a].Id.Value.StartsWith("large"));
        Assert.All(seeded, a => Assert.Contains(city, data.Candidates[a]));
    }
}
