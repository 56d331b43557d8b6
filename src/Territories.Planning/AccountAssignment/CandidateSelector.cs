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
/// <item>a rep whose nearby accounts are too small to reach the band's lower side within its account limit claims only
/// accounts at least as large as what it still needs per account it may still take, from farther away when its
/// neighbourhood has none left;</item>
/// <item>every other account goes to its nearest rep with room left under capacity, the account limit and the band's
/// upper side, so that a dense area whose nearest reps cannot hold its work still has a way out.</item>
/// </list>
/// Every seed pair is a candidate, so the candidate set holds a plan that meets capacity, the account limit and, mostly,
/// the band.
/// </summary>
internal static class CandidateSelector
{
    /// <summary>The candidate reps of each account, and the seed rep of each (-1 where no rep had room).</summary>
    public static (IReadOnlyList<IReadOnlyCollection<int>> Candidates, int[] Seed) Select(TerritoryProblem problem, int? k, Func<int, int, double> pairCost)
    {
        var accounts = problem.Accounts.Count;
        var chosen = new HashSet<int>[accounts];
        var closeness = new double[problem.Reps.Count];
        for (var a = 0; a < accounts; a++)
        {
            var eligible = problem.EligibleRepsOf(a);
            if (k is { } limit && eligible.Count > limit)
            {
                for (var i = 0; i < eligible.Count; i++)
                    closeness[i] = problem.HasGeography ? problem.DistanceKm(a, eligible[i]) : pairCost(a, eligible[i]);
                chosen[a] = Nearest(eligible, closeness, limit);
            }
            else chosen[a] = [.. eligible];
            var current = problem.CurrentRepIndexOf(a);
            if (current >= 0 && eligible.Contains(current)) chosen[a].Add(current);
        }
        var seed = new SeedPlan(problem, pairCost, chosen).Build();
        for (var a = 0; a < accounts; a++)
            if (seed[a] >= 0) chosen[a].Add(seed[a]);
        return (chosen, seed);
    }

    /// <summary>The k reps with the smallest closeness (given per position in <paramref name="reps"/>), kept in a small
    /// sorted buffer (most reps are rejected by one comparison with the k-th).</summary>
    private static HashSet<int> Nearest(IReadOnlyList<int> reps, double[] closeness, int k)
    {
        Span<(double Key, int Rep)> best = k <= 256 ? stackalloc (double, int)[k] : new (double, int)[k];
        var count = 0;
        for (var position = 0; position < reps.Count; position++)
        {
            var value = closeness[position];
            if (count == k && value >= best[k - 1].Key) continue;
            var i = count < k ? count++ : k - 1;
            while (i > 0 && best[i - 1].Key > value)
            {
                best[i] = best[i - 1];
                i--;
            }
            best[i] = (value, reps[position]);
        }
        var nearest = new HashSet<int>(k + 2);
        foreach (var (_, rep) in best) nearest.Add(rep);
        return nearest;
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
        private readonly int[] _count = new int[problem.Reps.Count];
        private readonly MaxAccounts _maxAccounts = MaxAccounts.For(problem);

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
        /// Reps take turns, least filled first, claiming the unclaimed account that costs them least extra (against the
        /// account's cheapest nearby rep). A rep first looks among the accounts it is near to (its pairs in the nearest
        /// sets, a few hundred), and only a rep that runs out of those before its lower side, a remote one, widens to
        /// every account it may serve: building every rep's queue over every eligible pair took 0.8 s of a 20,000 x 200
        /// book's first plan, where a rep claims about a hundred accounts.
        /// </summary>
        private void FillToLower(double[] lower)
        {
            var cheapest = new double[problem.Accounts.Count];
            var near = Enumerable.Range(0, problem.Reps.Count).Select(_ => new List<int>()).ToArray();
            for (var a = 0; a < problem.Accounts.Count; a++)
            {
                cheapest[a] = nearest[a].Count == 0 ? 0 : nearest[a].Min(r => pairCost(a, r));
                foreach (var r in nearest[a]) near[r].Add(a);
            }
            PriorityQueue<int, double> Waiting(int r, IEnumerable<int> accounts) =>
                new(accounts.Select(a => (a, pairCost(a, r) - cheapest[a])));
            var waiting = near.Select((accounts, r) => Waiting(r, accounts)).ToArray();
            var widened = new bool[problem.Reps.Count];
            int[][]? eligibleOf = null;
            var queue = new PriorityQueue<int, double>();
            for (var r = 0; r < problem.Reps.Count; r++) if (lower[r] > 0) queue.Enqueue(r, 0);
            while (queue.TryDequeue(out var r, out _))
            {
                var least = LeastClaim(r, lower[r]);
                var claimed = NextClaim(waiting[r], r, least);
                if (claimed < 0 && !widened[r])
                {
                    widened[r] = true;
                    eligibleOf ??= EligibleAccountsByRep();
                    waiting[r] = Waiting(r, eligibleOf[r].Where(a => _seed[a] < 0 && !nearest[a].Contains(r)));
                    claimed = NextClaim(waiting[r], r, least);
                }
                if (claimed < 0) continue;
                Claim(claimed, r);
                if (_load[r] < lower[r]) queue.Enqueue(r, _load[r] / lower[r]);
            }
        }

        /// <summary>
        /// The least workload the rep's next claim may have: none while, at the mean size of the accounts it has claimed, it
        /// reaches the band's lower side within its account limit; else what it still needs per account it may still take.
        /// Judged from half its limit on (a few claims say little about the accounts around it). On the 20,000 x 200
        /// north-eastern tuning book (seed 5) reps among small accounts got seeds of about 250 accounts, over their limit of
        /// 180; the larger accounts they needed were not among their candidates, and the first attempt had no plan.
        /// </summary>
        private double LeastClaim(int r, double lower)
        {
            if (!_maxAccounts.Binds(r) || _count[r] * 2 < _maxAccounts[r]) return 0;
            var (need, left) = (lower - _load[r], _maxAccounts[r] - _count[r]);
            return left <= 0 || _load[r] / _count[r] * left >= need ? 0 : need / left;
        }

        /// <summary>The accounts each rep may serve (the reverse of <see cref="TerritoryProblem.EligibleRepsOf"/>).</summary>
        private int[][] EligibleAccountsByRep()
        {
            var counts = new int[problem.Reps.Count];
            for (var a = 0; a < problem.Accounts.Count; a++)
                foreach (var r in problem.EligibleRepsOf(a)) counts[r]++;
            var accountsOf = counts.Select(c => new int[c]).ToArray();
            Array.Clear(counts);
            for (var a = 0; a < problem.Accounts.Count; a++)
                foreach (var r in problem.EligibleRepsOf(a)) accountsOf[r][counts[r]++] = a;
            return accountsOf;
        }

        /// <summary>The first account in the rep's queue still unclaimed that fits it with a workload of at least <paramref name="least"/>, or -1.</summary>
        private int NextClaim(PriorityQueue<int, double> waiting, int r, double least)
        {
            while (waiting.TryDequeue(out var account, out _))
                if (_seed[account] < 0 && Fits(account, r) && problem.WorkloadOf(account, r) >= least) return account;
            return -1;
        }

        private bool Fits(int a, int r) => problem.WorkloadOf(a, r) <= _room[r] - _load[r] && _maxAccounts.Excess(r, _count[r] + 1) == 0;

        private void Claim(int a, int r)
        {
            _seed[a] = r;
            _load[r] += problem.WorkloadOf(a, r);
            _count[r]++;
        }
    }
}
