using System.Runtime.InteropServices;
using Google.OrTools.Graph;
using Territories.Planning.Rules;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Brings today's plan near the balance band with few moves. A min-cost flow over the reps decides how much of the
/// band's metric each rep hands to each other rep it shares candidate accounts with, so a surplus far from a deficit
/// travels along a chain of neighbours instead of being shed wherever there is room; then each flow is carried by whole
/// accounts, cheapest per unit first. With a binding move cap each move has a price, the mean cost of a move to start
/// with: while the flow's estimated moves exceed half of what the cap leaves, the price rises fourfold, which makes large
/// accounts the cheaper way to carry a flow (and stops when that saves little: chains need their hops). The repair
/// closes the gaps whole accounts leave. Measured on a 20,000 x 200 western book with a binding move cap (tuning seed 3): the
/// shedding this replaces used 1,933 moves and left 125 reps outside the band, and the repair then ran out of moves.
/// </summary>
internal static class BandRebalancing
{
    /// <summary>Today's plan aims this share of the band's width inside each edge, so whole accounts rarely cross it.</summary>
    public const double InsideTheEdges = 0.1;

    /// <summary>
    /// A plan that breaks the band by little aims at the edges themselves (the LP rounded: its reps sit at the edges, and
    /// aiming inside moved every one of them: on a 20,000 x 200 western book the rounding's linear cost went from 2.4521
    /// to 2.6572 with the inner aim and to 2.4849 with this one).
    /// </summary>
    public const double AtTheEdges = 0;

    /// <summary>The flow's estimated moves may take this share of the moves the cap leaves; the rest is for the repair and the search.</summary>
    private const double MoveBudgetShare = 0.5;

    /// <summary>Each rep-to-rep flow is priced in this many steps of rising cost per unit (its accounts, cheapest per unit first).</summary>
    private const int Steps = 8;

    /// <summary>The move price rises at most this many times.</summary>
    private const int PriceRounds = 12;

    /// <summary>A higher move price is kept only when it saves at least this share of the estimated moves.</summary>
    private const double LeastMoveSaving = 0.02;

    /// <summary>How much the move price rises each time.</summary>
    private const double PriceStep = 4;

    /// <summary>The flow's integers: this many per average account's metric.</summary>
    private const double UnitsPerAccount = 1000;

    /// <summary>Costs per unit of flow are scaled to integers up to about this size.</summary>
    private const double CostResolution = 1_000_000;

    private readonly record struct Option(int Account, int Slot, long Units, double CostDelta, int MoveDelta);

    /// <param name="marginShare">How far inside each edge of the band each rep is aimed, as a share of the band's width.</param>
    public static void Run(AssignmentData data, AssignmentState state, double marginShare)
    {
        if (data.Band is not { } band || data.RepCount < 2) return;
        var unit = UnitsPerAccount * data.AccountCount / Math.Max(1e-9, state.MetricTotal);
        var targets = Targets(data, state, band, unit, marginShare);
        if (targets.All(t => t.Supply == 0)) return;
        var options = Options(data, state, unit);
        var budget = data.MoveCap.Binds ? MoveBudgetShare * Math.Max(0, data.MoveCap.Limit - state.Moved) : double.PositiveInfinity;
        var typicalCost = TypicalCostDelta(options);
        // Without a binding cap moves are free beyond their cost; with one, they are priced from the start.
        var price = data.MoveCap.Binds ? typicalCost : 0;
        var (flows, moves) = Solve(data.RepCount, targets, options, price);
        for (var round = 1; round < PriceRounds && moves > budget && price > 0; round++)
        {
            var higher = price * PriceStep;
            var (flowsAtHigher, movesAtHigher) = Solve(data.RepCount, targets, options, higher);
            if (movesAtHigher > moves * (1 - LeastMoveSaving)) break;
            (price, flows, moves) = (higher, flowsAtHigher, movesAtHigher);
        }
        // The options are sorted at the last price tried, which may be one that was not kept.
        foreach (var list in options.Values) SortByPerUnit(list, price);
        Carry(data, state, options, flows);
    }

    /// <summary>Per rep: the flow it must send (positive) or receive (negative) to sit inside the band's inner part, and how much more it could send or take.</summary>
    private static (long Supply, long CanGive, long CanTake)[] Targets(AssignmentData data, AssignmentState state, BalanceBand band, double unit, double marginShare)
    {
        var targets = new (long, long, long)[data.RepCount];
        for (var r = 0; r < data.RepCount; r++)
        {
            var (lower, upper) = (state.Lower(band, r), state.Upper(band, r));
            var margin = marginShare * (upper - lower);
            var (low, high, metric) = ((long)Math.Ceiling((lower + margin) * unit), (long)Math.Floor((upper - margin) * unit), (long)Math.Round(state.MetricSum[r] * unit));
            var supply = metric > high ? metric - high : metric < low ? metric - low : 0;
            var settled = metric - supply;
            targets[r] = (supply, Math.Max(0, settled - low), Math.Max(0, high - settled));
        }
        return targets;
    }

    /// <summary>Per pair of reps, the accounts the first could hand to the second, with what each costs and moves.</summary>
    private static Dictionary<(int From, int To), List<Option>> Options(AssignmentData data, AssignmentState state, double unit)
    {
        var options = new Dictionary<(int, int), List<Option>>();
        for (var a = 0; a < data.AccountCount; a++)
        {
            var slot = state.Slot[a];
            if (slot < 0 || data.Candidates[a].Length < 2) continue;
            var from = data.Candidates[a][slot];
            var units = (long)Math.Round(data.MetricValue[a][slot] * unit);
            if (units <= 0) continue;
            var movedNow = data.CountsAsMove(a, from) ? 1 : 0;
            for (var s = 0; s < data.Candidates[a].Length; s++)
            {
                var to = data.Candidates[a][s];
                if (to == from) continue;
                if (!options.TryGetValue((from, to), out var list)) options[(from, to)] = list = [];
                list.Add(new Option(a, s, units, data.Cost[a][s] - data.Cost[a][slot], (data.CountsAsMove(a, to) ? 1 : 0) - movedNow));
            }
        }
        return options;
    }

    /// <summary>The mean cost increase of the options that cost something: the move price's first step.</summary>
    private static double TypicalCostDelta(Dictionary<(int From, int To), List<Option>> options)
    {
        var positive = options.Values.SelectMany(l => l).Where(o => o.CostDelta > 0).Select(o => o.CostDelta).ToList();
        return positive.Count == 0 ? 1e-6 : positive.Average();
    }

    private static double PerUnit(Option o, double price) => (Math.Max(0, o.CostDelta) + price * Math.Max(0, o.MoveDelta)) / o.Units;

    /// <summary>The min-cost flow at this move price: how much goes from rep to rep, and about how many moves that takes.</summary>
    private static (Dictionary<(int From, int To), long> Flows, double Moves) Solve(int reps, (long Supply, long CanGive, long CanTake)[] targets,
        Dictionary<(int From, int To), List<Option>> options, double price)
    {
        var flow = new MinCostFlow();
        var hub = reps;
        var excess = targets.Sum(t => t.Supply);
        for (var r = 0; r < reps; r++) flow.SetNodeSupply(r, targets[r].Supply);
        flow.SetNodeSupply(hub, -excess);
        // More must leave than must arrive: reps with room take the rest; fewer: reps above the inner band's low side give it.
        for (var r = 0; r < reps; r++)
        {
            if (excess > 0 && targets[r].CanTake > 0) flow.AddArcWithCapacityAndUnitCost(r, hub, targets[r].CanTake, 0);
            if (excess < 0 && targets[r].CanGive > 0) flow.AddArcWithCapacityAndUnitCost(hub, r, targets[r].CanGive, 0);
        }
        var maxPerUnit = 0.0;
        foreach (var list in options.Values)
        {
            SortByPerUnit(list, price);
            if (list.Count > 0) maxPerUnit = Math.Max(maxPerUnit, PerUnit(list[^1], price));
        }
        var costScale = maxPerUnit > 0 ? CostResolution / maxPerUnit : 1;
        var arcs = new List<(int Arc, int From, int To, double MovesPerUnit)>();
        foreach (var ((from, to), list) in options)
        {
            var sorted = CollectionsMarshal.AsSpan(list);
            var size = Math.Max(1, (sorted.Length + Steps - 1) / Steps);
            for (var first = 0; first < sorted.Length; first += size)
            {
                var (units, cost, moved) = (0L, 0.0, 0);
                foreach (var o in sorted.Slice(first, Math.Min(size, sorted.Length - first)))
                    (units, cost, moved) = (units + o.Units, cost + PerUnit(o, price) * o.Units, moved + Math.Max(0, o.MoveDelta));
                var arc = flow.AddArcWithCapacityAndUnitCost(from, to, units, (long)Math.Round(cost / units * costScale));
                arcs.Add((arc, from, to, (double)moved / units));
            }
        }
        var flows = new Dictionary<(int, int), long>();
        var moves = 0.0;
        if (flow.SolveMaxFlowWithMinCost() != MinCostFlowBase.Status.OPTIMAL) return (flows, 0);
        foreach (var (arc, from, to, movesPerUnit) in arcs)
        {
            var f = flow.Flow(arc);
            if (f <= 0) continue;
            flows[(from, to)] = flows.GetValueOrDefault((from, to)) + f;
            moves += f * movesPerUnit;
        }
        return (flows, moves);
    }

    /// <summary>Sorts the options in place by cost per unit at this price (Solve sorts every list at every price tried).</summary>
    private static void SortByPerUnit(List<Option> list, double price)
    {
        var items = CollectionsMarshal.AsSpan(list);
        var keys = new double[items.Length];
        for (var i = 0; i < items.Length; i++) keys[i] = PerUnit(items[i], price);
        keys.AsSpan().Sort(items);
    }

    /// <summary>
    /// Carries each flow with whole accounts, cheapest per unit first, while what is left of it exceeds half the next
    /// account, and only where the receiving rep keeps within its capacity and account limit. Accounts are chosen for
    /// every flow before any moves, so a rep that receives before it sends is not turned away by a band it only passes.
    /// </summary>
    private static void Carry(AssignmentData data, AssignmentState state, Dictionary<(int From, int To), List<Option>> options,
        Dictionary<(int From, int To), long> flows)
    {
        var chosen = new Dictionary<int, int>();
        var (load, count, moves) = (state.Load.ToArray(), state.Count.ToArray(), state.Moved);
        foreach (var ((from, to), amount) in flows.OrderBy(e => e.Key))
        {
            var left = amount;
            foreach (var o in options[(from, to)])
            {
                if (left * 2 <= o.Units || chosen.ContainsKey(o.Account) || !data.MoveCap.Allows(moves + o.MoveDelta)) continue;
                var (workload, slot) = (data.Workload[o.Account][o.Slot], state.Slot[o.Account]);
                if (!data.Capacity.Allows(to, load[to] + workload) || data.MaxAccounts.Excess(to, count[to] + 1) > 0) continue;
                chosen[o.Account] = o.Slot;
                (load[to], count[to], moves, left) = (load[to] + workload, count[to] + 1, moves + o.MoveDelta, left - o.Units);
                (load[from], count[from]) = (load[from] - data.Workload[o.Account][slot], count[from] - 1);
                if (left <= 0) break;
            }
        }
        foreach (var (account, slot) in chosen) state.Assign(account, slot);
    }
}
