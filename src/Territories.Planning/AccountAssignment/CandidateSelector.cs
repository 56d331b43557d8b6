using Territories.Domain.Model;
using Territories.Planning.Rules;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Chooses the pairs a large problem is first solved over, and a seed plan inside them:
/// <list type="bullet">
/// <item>each account's k nearest eligible reps (cheapest where there is no geography) and its current rep;</item>
/// <item>with a balance band, reps take turns (least filled first) claiming their nearest unclaimed eligible account
/// until they reach the band's lower side, so that a remote rep, or a rep whose nearby accounts others also want, can
/// still fill its fair share;</item>
/// <item>every other account goes to its nearest rep with room left under capacity and the band's upper side, so that a
/// dense area whose nearest reps cannot hold its work still has a way out.</item>
/// </list>
/// Every seed pair is a candidate, so the candidate set holds a plan that meets capacity and, mostly, the band.
/// </summary>
internal static class CandidateSelector
{
    /// <summary>The candidate reps of each account, and the seed rep of each (-1 where no rep had room).</summary>
    public static (IReadOnlyList<IReadOnlyCollection<int>> Candidates, int[] Seed) Select(TerritoryProblem problem, int? k, Func<int, int, double> pairCost)
    {
        var accounts = problem.Accounts.Count;
        double Closeness(int a, int r) => problem.HasGeography ? problem.DistanceKm(a, r) : pairCost(a, r);
        var chosen = new HashSet<int>[accounts];
        for (var a = 0; a < accounts; a++)
        {
            var eligible = problem.EligibleRepsOf(a);
            chosen[a] = k is { } limit ? Nearest(eligible, limit, r => Closeness(a, r)) : [.. eligible];
            var current = problem.CurrentRepIndexOf(a);
            if (current >= 0 && eligible.Contains(current)) chosen[a].Add(current);
        }
        var seed = new SeedPlan(problem, pairCost, chosen).Build();
        for (var a = 0; a < accounts; a++)
            if (seed[a] >= 0) chosen[a].Add(seed[a]);
        return (chosen, seed);
    }

    /// <summary>The k items of <paramref name="reps"/> with the smallest key, kept in a small sorted buffer (most reps are
    /// rejected by one comparison with the k-th).</summary>
    private static HashSet<int> Nearest(IReadOnlyList<int> reps, int k, Func<int, double> key)
    {
        if (reps.Count <= k) return [.. reps];
        var best = new (double Key, int Rep)[k];
        var count = 0;
        foreach (var r in reps)
        {
            var value = key(r);
            if (count == k && value >= best[k - 1].Key) continue;
            var i = count < k ? count++ : k - 1;
            while (i > 0 && best[i - 1].Key > value)
            {
                best[i] = best[i - 1];
                i--;
            }
            best[i] = (value, r);
        }
        return [.. best.Select(e => e.Rep)];
    }

    /// <summary>
    /// The seed plan: band-lower fill from the reps' side (each rep claims the accounts it costs least extra to serve,
    /// against their cheapest nearby rep), then the cheapest rep with room from the accounts' side. Costs include
    /// disruption, so current owners keep their accounts where they can.
    /// </summary>
    private sealed class SeedPlan(TerritoryProblem problem, Func<int, int, double> pairCost, HashSet<int>[] nearest)
    {
        private readonly int[] _seed = Enumerable.Repeat(-1, problem.Accounts.Count).ToArray();
        private readonly double[] _room = new double[problem.Reps.Count];
        private readonly double[] _load = new double[problem.Reps.Count];

        public int[] Build()
        {
            var lower = WorkloadBand(out var upper);
            for (var r = 0; r < _room.Length; r++) _room[r] = Math.Min(problem.Reps[r].Capacity, upper[r]);
            if (lower is not null) FillToLower(lower);
            var order = Enumerable.Range(0, problem.Accounts.Count).Where(a => _seed[a] < 0)
                .OrderBy(a => problem.EligibleRepsOf(a).Count).ThenByDescending(a => problem.Accounts[a].Workload ?? 0);
            foreach (var a in order)
            {
                var rep = nearest[a].Where(r => Fits(a, r)).OrderBy(r => pairCost(a, r)).DefaultIfEmpty(-1).First();
                if (rep < 0) rep = problem.EligibleRepsOf(a).Where(r => Fits(a, r)).OrderBy(r => pairCost(a, r)).DefaultIfEmpty(-1).First();
                if (rep >= 0) Claim(a, rep);
            }
            return _seed;
        }

        /// <summary>The workload band per rep when balance is on workload with a fixed total; null lower side otherwise.</summary>
        private double[]? WorkloadBand(out double[] upper)
        {
            upper = Enumerable.Repeat(double.PositiveInfinity, problem.Reps.Count).ToArray();
            if (BalanceBand.For(problem) is not { Metric: BalanceMetric.Workload, FixedTotal: true } band) return null;
            upper = band.Upper;
            return band.Lower;
        }

        /// <summary>
        /// Reps take turns, least filled first, claiming the unclaimed account that costs them least extra. Each rep's
        /// accounts wait in a heap by that extra cost (built in linear time): a rep claims only a few of its thousands.
        /// </summary>
        private void FillToLower(double[] lower)
        {
            var byRep = Enumerable.Range(0, problem.Reps.Count).Select(_ => new List<(int Account, double Regret)>()).ToArray();
            for (var a = 0; a < problem.Accounts.Count; a++)
            {
                var best = nearest[a].Select(r => pairCost(a, r)).DefaultIfEmpty(0).Min();
                foreach (var r in problem.EligibleRepsOf(a)) byRep[r].Add((a, pairCost(a, r) - best));
            }
            var waiting = byRep.Select(list => new PriorityQueue<int, double>(list)).ToArray();
            var queue = new PriorityQueue<int, double>();
            for (var r = 0; r < problem.Reps.Count; r++) if (lower[r] > 0) queue.Enqueue(r, 0);
            while (queue.TryDequeue(out var r, out _))
            {
                var heap = waiting[r];
                while (heap.TryPeek(out var account, out _) && (_seed[account] >= 0 || !Fits(account, r))) heap.Dequeue();
                if (!heap.TryDequeue(out var claimed, out _)) continue;
                Claim(claimed, r);
                if (_load[r] < lower[r]) queue.Enqueue(r, _load[r] / lower[r]);
            }
        }

        private bool Fits(int a, int r) => problem.WorkloadOf(a, r) <= _room[r] - _load[r];

        private void Claim(int a, int r)
        {
            _seed[a] = r;
            _load[r] += problem.WorkloadOf(a, r);
        }
    }
}
