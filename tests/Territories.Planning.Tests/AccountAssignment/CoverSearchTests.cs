using Territories.Planning.AccountAssignment;

namespace Territories.Planning.Tests.AccountAssignment;

public class CoverSearchTests
{
    [Fact]
    public void Find_PicksOneSetPerRep_CoveringEveryAccountOnce_WithinTheBudget()
    {
        // Rep 0 may take {0, 1} (loss 0) or {0} (loss 1); rep 1 {1, 2} (loss 0), {2} (loss 2) or nothing (loss 5).
        // {0, 1} and {1, 2} overlap, so the cheapest cover is {0} with {1, 2} (loss 1) or {0, 1} with {2} (loss 2).
        IReadOnlyList<(int[], double)>[] sets =
        [
            [([0, 1], 0), ([0], 1)],
            [([1, 2], 0), ([2], 2), ([], 5)],
        ];

        Assert.Equal(CoverSearch.Outcome.NoCover, new CoverSearch(3, sets, long.MaxValue, CancellationToken.None).Find(0.9, out _));
        var outcome = new CoverSearch(3, sets, long.MaxValue, CancellationToken.None).Find(1, out var cover);

        Assert.Equal(CoverSearch.Outcome.Found, outcome);
        Assert.Equal([(0, [0]), (1, [1, 2])], cover.OrderBy(c => c.Rep).Select(c => (c.Rep, c.Accounts)).ToArray(), new CoverComparer());
    }

    /// <summary>On random sets of 3 reps over 6 accounts: a cover exactly when trying every choice of one set per rep finds one.</summary>
    [Fact]
    public void Find_AgreesWithEveryChoiceTried()
    {
        var random = new Random(4);
        for (var trial = 0; trial < 200; trial++)
        {
            var sets = Enumerable.Range(0, 3).Select(_ => (IReadOnlyList<(int[] Accounts, double Loss)>)Enumerable.Range(0, random.Next(1, 8))
                .Select(_ => (Enumerable.Range(0, 6).Where(_ => random.Next(3) == 0).ToArray(), Math.Round(random.NextDouble() * 4, 2)))
                .ToList()).ToArray();
            var budget = random.NextDouble() * 6;
            var exists = (from x in sets[0] from y in sets[1] from z in sets[2]
                          let accounts = x.Accounts.Concat(y.Accounts).Concat(z.Accounts).ToList()
                          where accounts.Count == 6 && accounts.Distinct().Count() == 6 && x.Loss + y.Loss + z.Loss <= budget
                          select true).Any();

            var outcome = new CoverSearch(6, sets, long.MaxValue, CancellationToken.None).Find(budget, out var cover);

            Assert.Equal(exists ? CoverSearch.Outcome.Found : CoverSearch.Outcome.NoCover, outcome);
            if (!exists) continue;
            Assert.Equal([0, 1, 2], cover.Select(c => c.Rep).Order());
            Assert.Equal(Enumerable.Range(0, 6), cover.SelectMany(c => c.Accounts).Order());
        }
    }

    [Fact]
    public void Find_Stops_AfterItsNodes()
    {
        IReadOnlyList<(int[], double)>[] sets = [[([0], 0)], [([1], 0)]];

        Assert.Equal(CoverSearch.Outcome.Stopped, new CoverSearch(2, sets, mostNodes: 0, CancellationToken.None).Find(1, out _));
    }

    private sealed class CoverComparer : IEqualityComparer<(int Rep, int[] Accounts)>
    {
        public bool Equals((int Rep, int[] Accounts) x, (int Rep, int[] Accounts) y) => x.Rep == y.Rep && x.Accounts.SequenceEqual(y.Accounts);

        public int GetHashCode((int Rep, int[] Accounts) obj) => obj.Rep;
    }
}
