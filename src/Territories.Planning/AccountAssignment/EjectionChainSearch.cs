namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The generalised-assignment search (after Yagiura, Ibaraki and Glover, "An ejection chain approach for the generalized
/// assignment problem", INFORMS J. Computing 16, 2004): a local search over shift, swap and ejection-chain moves on a
/// penalised objective, the plan's cost plus a weight per rep times the hours it is over capacity, so the search may
/// cross plans that break a capacity on its way between plans that do not. After each local optimum the weights adapt:
/// up on the reps over capacity (in proportion to how far over), down on every rep when the plan meets every capacity;
/// after a run of local optima without a better plan it starts again from the best plan with a few random shifts. Every
/// better plan that meets every capacity is offered to the incumbent, whose evaluator re-checks it.
/// An ejection chain moves an account to another rep, which gives up one of its own accounts to a third, and so on,
/// until the last account lands on a rep (the first one, closing a cycle, or any other): at each step the pair of
/// receiving rep and ejected account is the one with the lowest penalised cost plus the ejected account's cheapest
/// cost anywhere (the chain's lower bound), and the chain is cut at its best step.
/// </summary>
internal sealed class EjectionChainSearch
{
    /// <summary>
    /// The search applies when the only hard rule besides eligibility (which the candidate lists hold) is capacity and the
    /// objective is the sum of the pairs' costs: no balance band or balance term (a plan's band and largest deviation
    /// depend on every rep at once), no binding move cap and no maxAccounts. That is the generalised assignment problem
    /// (the GAP benchmarks' shape: `import-gap`); the realistic books have bands and move caps and never reach it. Its
    /// arrays and its swap pass grow with accounts x reps, so it stays within the size GAP books are solved unpruned at
    /// (measured up to 1,600 x 80).
    /// </summary>
    public static bool Applies(AssignmentData data) =>
        data.RepCount >= 2 && data.Band is null && !data.MoveCap.Binds && data.Weights.Balance == 0
        && Enumerable.Range(0, data.RepCount).All(r => !data.MaxAccounts.Binds(r))
        && (long)data.AccountCount * data.RepCount <= AssignmentSolver.UnprunedWithoutGeographyUpTo;

    /// <summary>The share of the wall-clock time left the search gets; CP-SAT's whole model and its neighbourhoods get the rest.</summary>
    public const double TimeShare = 0.6;

    /// <summary>
    /// On a small book (<see cref="IsSmallBook"/>) the search gets this share of the time left; CP-SAT's whole model,
    /// hinted with the search's best plan, and its neighbourhoods get the rest.
    /// </summary>
    public const double SmallBookTimeShare = 0.3;

    /// <summary>
    /// True on a book the search applies to with at most <see cref="SmallBookPairs"/> pairs (every Chu-Beasley book, up to
    /// 20 x 200): there CP-SAT with 2 workers proves type C books optimal and, on its whole model and then on neighbourhoods
    /// of a few reps, ends nearer best known on type D than the search (which stalls 0.2-1.5% above). Measured on the six
    /// Chu-Beasley books where the engine was behind plain CP-SAT (quality runner, 30 s, same run, load average 4-7): with
    /// 60% for the search and 30% of the rest for the whole model (then only the whole model after the search), behind on
    /// all six by 0.03-0.17%; with the whole model taking all the rest after 60% for the search, behind on 3 of 6 (d05100
    /// 6370 against 6362); with 30% for the search, ahead or tied on 4 of 6, while d20100 (where the search matters most)
    /// stayed ahead of plain CP-SAT by 0.27%.
    /// </summary>
    public static bool IsSmallBook(AssignmentData data) =>
        Applies(data) && (long)data.AccountCount * data.RepCount <= SmallBookPairs;

    private const long SmallBookPairs = 4_000;

    /// <summary>With a deterministic limit, move evaluations per deterministic second (about a wall second on this machine kind).</summary>
    private const long EvaluationsPerDeterministicSecond = 20_000_000;

    /// <summary>The longest ejection chain tried, in accounts moved.</summary>
    private const int MaxChainLength = 8;

    /// <summary>Local optima without a better plan before the search restarts from the best plan.</summary>
    private const int StallLimit = 40;

    /// <summary>
    /// Local optima without a better plan after which the search hands the rest of its time to CP-SAT. On the small
    /// Chu-Beasley books (a local optimum in about 3 ms) the search found its last plan early and kept its share while
    /// CP-SAT's whole model, which proves type C books optimal, got 30% of what was left: behind plain CP-SAT on c05200,
    /// c10200, c20100 and d05200 by 0.03-0.16%. On the 1,600-job books a local optimum takes about 0.3 s, so this never
    /// cuts their search short.
    /// </summary>
    private const int GiveUpAfter = 1000;

    /// <summary>
    /// How fast the capacity weights rise on reps over capacity and fall when every capacity holds. Measured with the
    /// search alone on d20100 and d10100 (three seeds each, same budget): 0.5 and 0.3 ended 6274-6298 and 6388-6407
    /// where 0.1 and 0.05 ended 6293-6320 and 6400-6412 (3 x 10^8 evaluations), 6261-6274 against 6269-6285 on d20100
    /// at 1.5 x 10^9; 0.3/0.1 and 1/0.1 in between; 0.05/0.05, 0.01/0.1 and 0.02/0.2 worse (6301-6405).
    /// </summary>
    private const double WeightRise = 0.5, WeightFall = 0.3;

    /// <summary>A restart shifts this share of the accounts (at least two) from the best plan to random reps.</summary>
    private const double KickShare = 0.02;

    /// <summary>A chain starts through this many of its first account's cheapest landings (penalty included).</summary>
    private const int FirstSteps = 5;

    /// <summary>Each later step of a chain looks for an account to eject at this many of the account in hand's cheapest landings.</summary>
    private const int EjectionReps = 5;

    private const double Epsilon = 1e-9;

    private readonly AssignmentData _data;
    private readonly int _accounts, _reps;
    private readonly int[] _slotOfRep;
    private readonly double[] _cheapest;
    private readonly int[] _slot;
    private readonly double[] _load;
    private readonly double[] _weight;
    private readonly int[][] _members;
    private readonly int[] _memberCount, _position;
    private readonly int[] _order;
    private readonly bool[] _inChain;
    private readonly Random _random;
    private readonly long _budget;
    private readonly CancellationToken _cancel;
    private double _cost;
    private int _overCount;
    private long _evaluations;

    public int LocalOptima { get; private set; }
    public int Improvements { get; private set; }

    public override string ToString() => $"local optima={LocalOptima} improved={Improvements} evaluations={_evaluations} best={_bestCost}";

    /// <param name="budget">Move evaluations allowed (long.MaxValue: until <paramref name="cancel"/>).</param>
    public EjectionChainSearch(AssignmentData data, int seed, long budget, CancellationToken cancel)
    {
        _data = data;
        _accounts = data.AccountCount;
        _reps = data.RepCount;
        _random = new Random(seed);
        _budget = budget;
        _cancel = cancel;
        _slotOfRep = new int[_accounts * _reps];
        Array.Fill(_slotOfRep, -1);
        _cheapest = new double[_accounts];
        for (var a = 0; a < _accounts; a++)
        {
            for (var s = 0; s < data.Candidates[a].Length; s++) _slotOfRep[a * _reps + data.Candidates[a][s]] = s;
            _cheapest[a] = data.Cost[a].DefaultIfEmpty(0).Min();
        }
        _slot = Enumerable.Repeat(-1, _accounts).ToArray();
        _load = new double[_reps];
        _weight = new double[_reps];
        Array.Fill(_weight, InitialWeight(data));
        _members = Enumerable.Range(0, _reps).Select(_ => new int[_accounts]).ToArray();
        _memberCount = new int[_reps];
        _position = new int[_accounts];
        _order = Enumerable.Range(0, _accounts).ToArray();
        _inChain = new bool[_accounts];
    }

    /// <summary>
    /// The search's share of the time left, from the best plan (or <paramref name="start"/> while there is none, even one
    /// that breaks a capacity); every better plan goes to the incumbent. With a wall-clock limit one search runs per
    /// worker, each from its own seed (the searches are single-threaded, and on the small Chu-Beasley books one search's
    /// result varies by 0.5-1% from seed to seed); with a deterministic limit one search runs, so runs are reproducible.
    /// </summary>
    public static IReadOnlyList<EjectionChainSearch> Run(AssignmentData data, int[] start, Incumbent incumbent, SolveClock clock, SolveSettings settings, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(clock.Remaining.TotalSeconds * ShareOf(data)));
        var budget = settings.DeterministicTime is { } deterministic ? (long)(deterministic * ShareOf(data) * EvaluationsPerDeterministicSecond) : long.MaxValue;
        var from = incumbent.RepOf ?? start;
        var searches = Enumerable.Range(0, settings.DeterministicTime is null ? Math.Max(1, settings.Workers) : 1)
            .Select(i => new EjectionChainSearch(data, settings.Seed + i, budget, deadline.Token)).ToList();
        Parallel.ForEach(searches, new ParallelOptions { MaxDegreeOfParallelism = searches.Count },
            search => search.Search(from, repOf => incumbent.Offer(repOf, "ejection-chain")));
        return searches;
    }

    /// <summary>The share of the time left the search gets on this book.</summary>
    public static double ShareOf(AssignmentData data) => IsSmallBook(data) ? SmallBookTimeShare : TimeShare;

    /// <summary>Searches from <paramref name="start"/> (a rep per account; -1 or a rep that is not a candidate: its cheapest candidate) until the budget is spent.</summary>
    public void Search(int[] start, Func<int[], bool> offer)
    {
        if (_data.Candidates.Any(c => c.Length == 0)) return;
        for (var a = 0; a < _accounts; a++) Place(a, start[a] >= 0 && _slotOfRep[a * _reps + start[a]] is var s and >= 0 ? s : 0);
        _best = _slot.ToArray();
        _bestCost = _overCount == 0 ? _cost : double.PositiveInfinity;
        var offered = _bestCost;
        var (stall, sinceBetter) = (0, 0);
        while (!Spent() && sinceBetter < GiveUpAfter)
        {
            Descend();
            LocalOptima++;
            sinceBetter++;
            if (_bestCost < offered)
            {
                (offered, stall, sinceBetter) = (_bestCost, 0, 0);
                if (offer(RepOfAll(_best))) Improvements++;
            }
            else if (++stall > StallLimit && double.IsFinite(_bestCost))
            {
                Restart(_best);
                stall = 0;
                continue;
            }
            AdaptWeights();
        }
    }

    private int[] _best = [];
    private double _bestCost;

    /// <summary>Keeps the plan when it meets every capacity and costs less than the best so far.</summary>
    private void KeepIfBest()
    {
        if (_overCount != 0 || _cost >= _bestCost - Epsilon * Math.Max(1, Math.Abs(_cost))) return;
        Array.Copy(_slot, _best, _accounts);
        _bestCost = _cost;
    }

    private int[] RepOfAll(int[] slots) => Enumerable.Range(0, _accounts).Select(a => _data.Candidates[a][slots[a]]).ToArray();

    /// <summary>A cost per hour of overload at which a shift between a job's dearest and cheapest rep is worth about its hours.</summary>
    private static double InitialWeight(AssignmentData data)
    {
        double spread = 0, hours = 0;
        for (var a = 0; a < data.AccountCount; a++)
        {
            if (data.Cost[a].Length == 0) continue;
            spread += data.Cost[a].Max() - data.Cost[a].Min();
            hours += data.Workload[a].Average();
        }
        return hours > 0 && spread > 0 ? spread / hours : 1;
    }

    private bool Spent() => _evaluations >= _budget || _cancel.IsCancellationRequested;

    private double Over(int rep, double load) => Math.Max(0, load - _data.Capacity[rep]);

    /// <summary>Whether the rep breaks its capacity, by the capacity rule's own check (the one the construction makes).</summary>
    private bool IsOver(int rep) => !_data.Capacity.Allows(rep, _load[rep]);

    private int RepOf(int account) => _data.Candidates[account][_slot[account]];

    private void Place(int account, int slot)
    {
        var rep = _data.Candidates[account][slot];
        var wasOver = IsOver(rep);
        _slot[account] = slot;
        _load[rep] += _data.Workload[account][slot];
        _cost += _data.Cost[account][slot];
        _position[account] = _memberCount[rep];
        _members[rep][_memberCount[rep]++] = account;
        _overCount += (IsOver(rep) ? 1 : 0) - (wasOver ? 1 : 0);
    }

    private void Unplace(int account)
    {
        var slot = _slot[account];
        var rep = _data.Candidates[account][slot];
        var wasOver = IsOver(rep);
        _load[rep] -= _data.Workload[account][slot];
        _cost -= _data.Cost[account][slot];
        var last = _members[rep][--_memberCount[rep]];
        _members[rep][_position[account]] = last;
        _position[last] = _position[account];
        _slot[account] = -1;
        _overCount += (IsOver(rep) ? 1 : 0) - (wasOver ? 1 : 0);
    }

    private void Move(int account, int slot)
    {
        Unplace(account);
        Place(account, slot);
    }

    /// <summary>The penalised change of the rep's load by <paramref name="delta"/> hours.</summary>
    private double PenaltyChange(int rep, double delta) => _weight[rep] * (Over(rep, _load[rep] + delta) - Over(rep, _load[rep]));

    /// <summary>Shift, then swap, then ejection-chain moves, each improving the penalised cost, until none does.</summary>
    private void Descend()
    {
        while (!Spent())
        {
            Shuffle();
            if (ShiftPass() || SwapPass() || ChainPass()) continue;
            return;
        }
    }

    private void Shuffle()
    {
        for (var i = _order.Length - 1; i > 0; i--)
        {
            var k = _random.Next(i + 1);
            (_order[i], _order[k]) = (_order[k], _order[i]);
        }
    }

    private bool ShiftPass()
    {
        var improved = false;
        foreach (var a in _order)
        {
            var from = _slot[a];
            var fromRep = RepOf(a);
            var leave = PenaltyChange(fromRep, -_data.Workload[a][from]) - _data.Cost[a][from];
            var (bestSlot, bestDelta) = (-1, -Epsilon);
            var costs = _data.Cost[a];
            for (var s = 0; s < costs.Length; s++)
            {
                if (s == from) continue;
                var delta = leave + costs[s] + PenaltyChange(_data.Candidates[a][s], _data.Workload[a][s]);
                if (delta < bestDelta) (bestSlot, bestDelta) = (s, delta);
            }
            _evaluations += costs.Length;
            if (bestSlot < 0) continue;
            Move(a, bestSlot);
            KeepIfBest();
            improved = true;
        }
        return improved;
    }

    private bool SwapPass()
    {
        var improved = false;
        foreach (var a in _order)
        {
            if (Spent()) return improved;
            var ra = RepOf(a);
            for (var b = 0; b < _accounts; b++)
            {
                var rb = RepOf(b);
                if (rb == ra) continue;
                var sab = _slotOfRep[a * _reps + rb];
                var sba = _slotOfRep[b * _reps + ra];
                if (sab < 0 || sba < 0) continue;
                var (sa, sb) = (_slot[a], _slot[b]);
                var delta = _data.Cost[a][sab] - _data.Cost[a][sa] + _data.Cost[b][sba] - _data.Cost[b][sb]
                            + PenaltyChange(ra, _data.Workload[b][sba] - _data.Workload[a][sa])
                            + PenaltyChange(rb, _data.Workload[a][sab] - _data.Workload[b][sb]);
                if (delta >= -Epsilon) continue;
                Move(a, sab);
                Move(b, sba);
                KeepIfBest();
                improved = true;
                break;
            }
            _evaluations += _accounts;
        }
        return improved;
    }

    private bool ChainPass()
    {
        var improved = false;
        foreach (var a in _order)
        {
            if (Spent()) return improved;
            improved |= TryChain(a);
        }
        return improved;
    }

    /// <summary>
    /// Builds the ejection chains that start by taking <paramref name="first"/> from its rep, one through each of the
    /// <see cref="FirstSteps"/> reps where placing it (and ejecting one of theirs) looks best; applies the best prefix of
    /// the best chain when that lowers the penalised cost.
    /// </summary>
    private bool TryChain(int first)
    {
        var (bestTotal, bestFirstSlot) = (-Epsilon, -1);
        FirstEjections(first);
        for (var i = 0; i < _firstCount; i++)
        {
            var total = FollowChain(first, _firstSlots[i], apply: false);
            if (total < bestTotal) (bestTotal, bestFirstSlot) = (total, _firstSlots[i]);
        }
        if (bestFirstSlot < 0) return false;
        FollowChain(first, bestFirstSlot, apply: true);
        KeepIfBest();
        return true;
    }

    private readonly int[] _firstSlots = new int[FirstSteps], _ejectionSlots = new int[EjectionReps], _closeSlot = new int[1];
    private readonly double[] _firstScores = new double[FirstSteps], _ejectionScores = new double[EjectionReps], _closeScore = new double[1];
    private int _firstCount;

    private void FirstEjections(int account) => _firstCount = CheapestLandings(account, RepOf(account), FirstSteps, _firstSlots, _firstScores);

    /// <summary>
    /// Fills <paramref name="into"/> with the (at most <paramref name="keep"/>) candidate slots of the account, other than
    /// <paramref name="excludedRep"/>'s, where placing it costs least, penalty included, cheapest first, and
    /// <paramref name="scores"/> with those costs; returns how many.
    /// </summary>
    private int CheapestLandings(int account, int excludedRep, int keep, int[] into, double[] scores)
    {
        var count = 0;
        for (var s = 0; s < _data.Cost[account].Length; s++)
        {
            var rep = _data.Candidates[account][s];
            if (rep == excludedRep) continue;
            var score = _data.Cost[account][s] + PenaltyChange(rep, _data.Workload[account][s]);
            int at;
            if (count < keep) at = count++;
            else if (score < scores[keep - 1]) at = keep - 1;
            else continue;
            for (; at > 0 && scores[at - 1] > score; at--) (scores[at], into[at]) = (scores[at - 1], into[at - 1]);
            (scores[at], into[at]) = (score, s);
        }
        _evaluations += _data.Cost[account].Length;
        return count;
    }

    /// <summary>
    /// The chain that takes <paramref name="first"/> to <paramref name="firstSlot"/>, then goes on greedily: the penalised
    /// change of its best prefix (positive infinity when none closes). With <paramref name="apply"/>, that prefix is made.
    /// </summary>
    private double FollowChain(int first, int firstSlot, bool apply)
    {
        _taken.Clear();
        _placed.Clear();
        var origin = RepOf(first);
        var total = PenaltyChange(origin, -_data.Workload[first][_slot[first]]) - _data.Cost[first][_slot[first]];
        Take(first);
        var hand = first;
        var (bestTotal, bestSteps, bestClose) = (double.PositiveInfinity, -1, -1);
        for (var step = 0; step < MaxChainLength; step++)
        {
            if (step > 0)
            {
                if (CheapestLandings(hand, origin, 1, _closeSlot, _closeScore) == 1 && total + _closeScore[0] < bestTotal)
                    (bestTotal, bestSteps, bestClose) = (total + _closeScore[0], step, _closeSlot[0]);
            }
            else
            {
                var landing = _data.Cost[first][firstSlot] + PenaltyChange(_data.Candidates[first][firstSlot], _data.Workload[first][firstSlot]);
                (bestTotal, bestSteps, bestClose) = (total + landing, 0, firstSlot);
            }
            if (step == MaxChainLength - 1) break;
            var (slot, ejected, delta) = BestEjection(hand, origin, step == 0 ? firstSlot : -1);
            if (ejected < 0) break;
            Place(hand, slot);
            _placed.Add((hand, slot));
            total += delta;
            origin = _data.Candidates[hand][slot];
            Take(ejected);
            hand = ejected;
        }
        for (var i = _placed.Count - 1; i >= 0; i--) Unplace(_placed[i].Account);
        foreach (var (account, slot) in _taken)
        {
            Place(account, slot);
            _inChain[account] = false;
        }
        if (apply && bestSteps >= 0)
        {
            var placed = _placed.ToArray();
            var taken = _taken.ToArray();
            for (var step = 0; step < bestSteps; step++) Move(placed[step].Account, placed[step].Slot);
            Move(taken[bestSteps].Account, bestClose);
        }
        return bestTotal;
    }

    /// <summary>The accounts a chain took from their reps, with their slots then, and where it placed them.</summary>
    private readonly List<(int Account, int Slot)> _taken = [], _placed = [];

    private void Take(int account)
    {
        _inChain[account] = true;
        _taken.Add((account, _slot[account]));
        Unplace(account);
    }

    /// <summary>
    /// The rep to place the account in hand with and the account it ejects there, lowest in penalised cost plus the
    /// ejected account's cheapest cost anywhere; the change returned leaves that cheapest cost out.
    /// </summary>
    private (int Slot, int Ejected, double Delta) BestEjection(int account, int from, int onlySlot)
    {
        var (bestSlot, bestEjected, bestScore, bestDelta) = (-1, -1, double.PositiveInfinity, 0.0);
        var count = onlySlot >= 0 ? 1 : CheapestLandings(account, from, EjectionReps, _ejectionSlots, _ejectionScores);
        for (var i = 0; i < count; i++)
        {
            var s = onlySlot >= 0 ? onlySlot : _ejectionSlots[i];
            var rep = _data.Candidates[account][s];
            var members = _members[rep];
            for (var k = 0; k < _memberCount[rep]; k++)
            {
                var e = members[k];
                if (_inChain[e]) continue;
                var se = _slot[e];
                var delta = _data.Cost[account][s] - _data.Cost[e][se] + PenaltyChange(rep, _data.Workload[account][s] - _data.Workload[e][se]);
                var score = delta + _cheapest[e];
                if (score < bestScore) (bestSlot, bestEjected, bestScore, bestDelta) = (s, e, score, delta);
            }
            _evaluations += _memberCount[rep];
        }
        return (bestSlot, bestEjected, bestDelta);
    }

    private void Restart(int[] best)
    {
        for (var a = 0; a < _accounts; a++)
            if (_slot[a] != best[a]) Move(a, best[a]);
        var kicks = Math.Max(2, (int)(_accounts * KickShare));
        for (var k = 0; k < kicks; k++)
        {
            var a = _random.Next(_accounts);
            var slots = _data.Candidates[a].Length;
            if (slots > 1) Move(a, (_slot[a] + 1 + _random.Next(slots - 1)) % slots);
        }
    }

    /// <summary>
    /// Down on every rep when the local optimum meets every capacity (the weights may let the search cross more overload),
    /// else up on the reps over capacity, in proportion to how far over (the rule of Yagiura, Ibaraki and Glover). Measured
    /// on d20100 against raising them only when the optimum's penalised cost is below the best plan's (Umetani's rule):
    /// 6225 against 6231-6262 at 10 s, within noise; kept for being the reference's.
    /// </summary>
    private void AdaptWeights()
    {
        var worst = 0.0;
        for (var r = 0; r < _reps; r++) worst = Math.Max(worst, Over(r, _load[r]));
        for (var r = 0; r < _reps; r++)
            _weight[r] = worst <= 0 ? Math.Max(Epsilon, _weight[r] * (1 - WeightFall)) : _weight[r] * (1 + WeightRise * Over(r, _load[r]) / worst);
    }
}
