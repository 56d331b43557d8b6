using System.Diagnostics;

namespace Territories.Planning.Routing;

/// <summary>
/// Ruin and recreate with Slack Induction by String Removals (SISR; Christiaens and Vanden Berghe, Transportation
/// Science 2020) over one or several days. Ruin removes strings of consecutive stops (sometimes keeping a piece in the
/// middle: the split string) from routes near a random seed customer; a removed customer leaves all its days. Recreate
/// puts the removed customers back one by one (random, largest demand, farthest or nearest first), each at the cheapest
/// feasible position skipping positions at random (blinks); on several days it picks the visit combination whose days'
/// cheapest positions cost least together, so days and routes are decided in one model. A new solution is accepted by
/// simulated annealing (temperature falling geometrically over the budget); a solution serving more mandatory customers
/// is always better. Every insertion is checked by <see cref="RouteRules"/>: in constant time from the route's earliest
/// and latest starts and load when the instance allows it, otherwise by timing the candidate route.
/// </summary>
public sealed class RuinAndRecreate
{
    private const double AverageRemoved = 10;
    private const int MaxString = 10;
    private const double SplitRate = 0.5;
    private const double SplitDepth = 0.01;
    private const double BlinkRate = 0.01;
    private const double StartTemperature = 100;
    private const double EndTemperature = 1;

    private readonly PeriodicInstance _instance;
    private readonly RouteRules[] _rules;
    private readonly int[][] _neighbours;
    private readonly long[] _costOn;
    private readonly double _startTemperature;
    private readonly double _endTemperature;
    private readonly Random _random;
    private readonly int[] _absences;
    private readonly List<int> _candidate = [];
    private int _version;

    private RuinAndRecreate(PeriodicInstance instance, int seed)
    {
        _instance = instance;
        _rules = instance.Days.Select(d => new RouteRules(d)).ToArray();
        var cost = _rules[0].Cost;
        var customers = Enumerable.Range(1, instance.Nodes - 1).Where(Servable).ToArray();
        _neighbours = Enumerable.Range(0, instance.Nodes)
            .Select(c => customers.OrderBy(o => cost[c][o] + cost[o][c]).ThenBy(o => o).ToArray()).ToArray();
        _costOn = new long[instance.Days.Count];
        // The paper's temperatures (100 to 1) are for Solomon's coordinates, where a customer is ~30 from the depot: scale by that.
        var unit = customers.Length == 0 ? 1 : customers.Average(c => (double)cost[0][c]) / 30;
        _startTemperature = StartTemperature * unit;
        _endTemperature = EndTemperature * unit;
        _random = new Random(seed);
        _absences = new int[instance.Nodes];
    }

    /// <summary>Solves from scratch (every customer inserted by the recreate step) or improves <paramref name="start"/> (routes per day, as node lists).</summary>
    public static PeriodicResult Solve(PeriodicInstance instance, RoutingSearch search, IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>>? start = null)
    {
        var solver = new RuinAndRecreate(instance, search.Seed);
        return solver.Run(search, start);
    }

    /// <summary>One vehicle's tour: its stops and, for the constant-time test, the earliest and latest start at each position (0 leaving the depot, last back at it).</summary>
    private sealed class Tour
    {
        public int Version;
        public List<int> Nodes = [];
        public long[] Earliest = [];
        public long[] Latest = [];
        public long Load;
        public long Work;
        public long Cost;

        public Tour Copy(int version) => new()
        {
            Version = version, Nodes = [.. Nodes], Earliest = Earliest, Latest = Latest, Load = Load, Work = Work, Cost = Cost,
        };
    }

    private sealed class State
    {
        public required List<Tour>[] Days;
        public required Tour?[][] TourOf;
        /// <summary>Per customer the days it is served on (one allowed set), null when it is not served.</summary>
        public required int[]?[] DaysOf;
        public int Version;

        public State Copy(int version) => new()
        {
            Days = Days.Select(d => new List<Tour>(d)).ToArray(),
            TourOf = TourOf.Select(t => (Tour?[])t.Clone()).ToArray(),
            DaysOf = (int[]?[])DaysOf.Clone(),
            Version = version,
        };
    }

    private readonly record struct Score(int Missing, long Cost)
    {
        public bool Better(Score other) => Missing < other.Missing || (Missing == other.Missing && Cost < other.Cost);
    }

    private PeriodicResult Run(RoutingSearch search, IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>>? start)
    {
        var clock = Stopwatch.StartNew();
        var current = Empty();
        if (start is not null) Load(current, start);
        Recreate(current, Unserved(current).ToList());
        var currentScore = Evaluate(current);
        var best = current;
        var bestScore = currentScore;
        var limit = search.TimeLimitSeconds;
        var budget = search.Iterations;
        long iteration = 0;
        var customers = Enumerable.Range(1, _instance.Nodes - 1).Count(Servable);
        while (customers > 0 && (budget is null || iteration < budget) && (limit is null || clock.Elapsed.TotalSeconds < limit))
        {
            var progress = Math.Max(budget is { } b ? (double)iteration / b : 0, limit is { } l ? clock.Elapsed.TotalSeconds / l : 0);
            var temperature = _startTemperature * Math.Pow(_endTemperature / _startTemperature, progress);
            iteration++;
            var next = current.Copy(++_version);
            var removed = Ruin(next);
            Recreate(next, Unserved(next).Except(removed).Concat(removed).ToList());
            var score = Evaluate(next);
            if (score.Missing < currentScore.Missing
                || (score.Missing == currentScore.Missing && score.Cost < currentScore.Cost - temperature * Math.Log(_random.NextDouble())))
            {
                current = next;
                currentScore = score;
                if (score.Better(bestScore))
                {
                    best = next;
                    bestScore = score;
                }
            }
            if (budget is null && limit is null) break;
        }
        return Result(best, iteration);
    }

    private bool Servable(int customer) => _instance.Combinations[customer].Days.Length > 0;

    private IEnumerable<int> Unserved(State state) => Enumerable.Range(1, _instance.Nodes - 1).Where(c => state.DaysOf[c] is null && Servable(c));

    private State Empty() => new()
    {
        Days = _instance.Days.Select(_ => new List<Tour>()).ToArray(),
        TourOf = _instance.Days.Select(_ => new Tour?[_instance.Nodes]).ToArray(),
        DaysOf = new int[]?[_instance.Nodes],
        Version = ++_version,
    };

    /// <summary>Takes the given routes as they are (a route a rule refuses is left out and its customers recreated).</summary>
    private void Load(State state, IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>> start)
    {
        var daysOf = new List<int>[_instance.Nodes];
        for (var d = 0; d < start.Count; d++)
            foreach (var route in start[d])
                foreach (var node in route) (daysOf[node] ??= []).Add(d);
        for (var c = 1; c < _instance.Nodes; c++)
        {
            if (daysOf[c] is not { } days) continue;
            var sorted = days.Order().ToArray();
            if (_instance.Combinations[c].Allows(sorted)) state.DaysOf[c] = sorted;
        }
        for (var d = 0; d < start.Count; d++)
            foreach (var route in start[d])
            {
                if (route.Count == 0 || route.Any(n => state.DaysOf[n] is null) || state.Days[d].Count >= _instance.Days[d].Vehicles) continue;
                var tour = new Tour { Version = state.Version, Nodes = [.. route] };
                if (!Refresh(d, tour)) continue;
                state.Days[d].Add(tour);
                foreach (var node in route) state.TourOf[d][node] = tour;
            }
        for (var c = 1; c < _instance.Nodes; c++)
            if (state.DaysOf[c] is { } days && days.Any(d => state.TourOf[d][c] is null))
                Remove(state, c);
    }

    private Score Evaluate(State state)
    {
        long cost = 0;
        var missing = 0;
        foreach (var day in state.Days)
            foreach (var tour in day) cost += tour.Cost;
        for (var c = 1; c < _instance.Nodes; c++)
        {
            if (state.DaysOf[c] is { } days)
            {
                cost += _instance.Combinations[c].Shortfall(days);
                continue;
            }
            if (!Servable(c)) continue;
            if (_instance.DropPenalty is { } penalty) cost += penalty[c];
            else missing++;
        }
        return new Score(missing, cost);
    }

    /// <summary>Adjacent string removal: strings from routes near a random seed customer on one of its days, until enough routes are ruined.</summary>
    private List<int> Ruin(State state)
    {
        var removed = new List<int>();
        var served = new List<(int Day, int Node)>();
        var tours = 0;
        for (var d = 0; d < state.Days.Length; d++)
        {
            tours += state.Days[d].Count;
            foreach (var tour in state.Days[d])
                foreach (var node in tour.Nodes) served.Add((d, node));
        }
        if (served.Count == 0) return removed;
        var longest = Math.Min(MaxString, (double)served.Count / tours);
        var maxStrings = 4 * AverageRemoved / (1 + longest) - 1;
        var strings = (int)Math.Floor(_random.NextDouble() * maxStrings) + 1;
        var (day, seed) = served[_random.Next(served.Count)];
        var ruined = new HashSet<Tour>();
        foreach (var customer in _neighbours[seed].Prepend(seed))
        {
            if (ruined.Count >= strings) break;
            // A neighbour not on the seed's day is cut from its tour on one of its own days: near in space, whatever the day.
            var on = state.TourOf[day][customer] is not null || state.DaysOf[customer] is null ? day : RandomDay(state, customer);
            if (state.TourOf[on][customer] is not { } shared || ruined.Contains(shared)) continue;
            var tour = Own(state, on, shared);
            var length = (int)Math.Floor(_random.NextDouble() * Math.Min(tour.Nodes.Count, longest)) + 1;
            var position = tour.Nodes.IndexOf(customer);
            var cut = _random.NextDouble() < SplitRate || length == tour.Nodes.Count ? String(tour, position, length) : SplitString(tour, position, length);
            ruined.Add(tour);
            foreach (var node in cut)
            {
                Remove(state, node);
                removed.Add(node);
            }
        }
        return removed;
    }

    private int RandomDay(State state, int customer)
    {
        var days = state.DaysOf[customer]!;
        return days[_random.Next(days.Length)];
    }

    /// <summary><paramref name="length"/> consecutive stops of the tour including the one at <paramref name="position"/>.</summary>
    private List<int> String(Tour tour, int position, int length)
    {
        var first = Math.Max(0, position - length + 1);
        var last = Math.Min(position, tour.Nodes.Count - length);
        var from = first + _random.Next(last - first + 1);
        return tour.Nodes.GetRange(from, length);
    }

    /// <summary>A string of <paramref name="length"/> + m stops around the position, of which m consecutive ones are kept.</summary>
    private List<int> SplitString(Tour tour, int position, int length)
    {
        var kept = 1;
        while (length + kept < tour.Nodes.Count && _random.NextDouble() > SplitDepth) kept++;
        var cut = String(tour, position, length + kept);
        var keepFrom = _random.Next(cut.Count - kept + 1);
        cut.RemoveRange(keepFrom, kept);
        return cut;
    }

    private void Remove(State state, int customer)
    {
        if (state.DaysOf[customer] is not { } days) return;
        foreach (var day in days)
        {
            if (state.TourOf[day][customer] is not { } shared) continue;
            var tour = Own(state, day, shared);
            tour.Nodes.Remove(customer);
            state.TourOf[day][customer] = null;
            if (tour.Nodes.Count == 0) state.Days[day].Remove(tour);
            else Refresh(day, tour);
        }
        state.DaysOf[customer] = null;
    }

    /// <summary>The state's own copy of a tour it shares with an earlier state, made before the tour is changed.</summary>
    private static Tour Own(State state, int day, Tour tour)
    {
        if (tour.Version == state.Version) return tour;
        var copy = tour.Copy(state.Version);
        state.Days[day][state.Days[day].IndexOf(tour)] = copy;
        foreach (var node in copy.Nodes) state.TourOf[day][node] = copy;
        return copy;
    }

    private readonly record struct Insertion(long Delta, Tour? Tour, int Position);

    private void Recreate(State state, List<int> removed)
    {
        var order = _random.Next(11) switch
        {
            < 4 => removed.OrderBy(_ => _random.Next()).ToList(),
            < 8 => removed.OrderByDescending(c => _rules[0].Demand(c) * (long)_instance.Combinations[c].Days.Length).ToList(),
            < 10 => removed.OrderByDescending(c => _rules[0].Cost[0][c]).ToList(),
            _ => removed.OrderBy(c => _rules[0].Cost[0][c]).ToList(),
        };
        // Customers often left out go first (the paper's absence counts), the drawn order among equals.
        order = order.OrderByDescending(c => _absences[c]).ToList();
        var best = new Insertion?[_instance.Days.Count];
        foreach (var customer in order)
        {
            var allowed = _instance.Combinations[customer];
            foreach (var day in allowed.Days)
            {
                best[day] = Cheapest(state, day, customer);
                _costOn[day] = best[day]?.Delta ?? VisitDays.Impossible;
            }
            if (allowed.Cheapest(_costOn) is not { } chosen)
            {
                _absences[customer]++;
                continue;
            }
            foreach (var day in chosen) Insert(state, day, customer, best[day]!.Value);
            state.DaysOf[customer] = chosen;
        }
    }

    private void Insert(State state, int day, int customer, Insertion at)
    {
        Tour tour;
        if (at.Tour is null)
        {
            tour = new Tour { Version = state.Version };
            state.Days[day].Add(tour);
        }
        else tour = Own(state, day, at.Tour);
        tour.Nodes.Insert(at.Position, customer);
        Refresh(day, tour);
        state.TourOf[day][customer] = tour;
    }

    /// <summary>The cheapest feasible position for the customer on the day (a new tour if a vehicle is free), skipping positions at the blink rate.</summary>
    private Insertion? Cheapest(State state, int day, int customer)
    {
        var rules = _rules[day];
        var instance = rules.Instance;
        Insertion? best = null;
        var demand = rules.Demand(customer);
        foreach (var tour in state.Days[day])
        {
            if (tour.Load + demand > instance.Capacity) continue;
            for (var position = 0; position <= tour.Nodes.Count; position++)
            {
                if (_random.NextDouble() < BlinkRate) continue;
                // Without the constant-time test, that test (break and duration left aside) is still a necessary condition: only what passes it is timed.
                var delta = Delta(rules, tour, customer, position);
                if (delta is not null && !rules.ConstantTimeInsertion) delta = Timed(rules, tour, customer, position);
                if (delta is { } d && (best is null || d < best.Value.Delta)) best = new Insertion(d, tour, position);
            }
        }
        if (state.Days[day].Count < instance.Vehicles && demand <= instance.Capacity
            && Timed(rules, null, customer, 0) is { } alone && (best is null || alone < best.Value.Delta))
            best = new Insertion(alone, null, 0);
        return best;
    }

    /// <summary>The constant-time test: reach the customer from the stop before at its earliest, then the stop after by its latest start; the work time within the longest route.</summary>
    private static long? Delta(RouteRules rules, Tour tour, int customer, int position)
    {
        var instance = rules.Instance;
        var before = position == 0 ? 0 : tour.Nodes[position - 1];
        var after = position == tour.Nodes.Count ? 0 : tour.Nodes[position];
        var start = rules.EarliestStart(customer, tour.Earliest[position] + instance.Service[before] + instance.Travel[before][customer]);
        if (!RouteRules.Feasible(start)) return null;
        if (start + instance.Service[customer] + instance.Travel[customer][after] > tour.Latest[position + 1]) return null;
        if (instance.MaxDuration is { } limit
            && tour.Work + instance.Travel[before][customer] + instance.Service[customer] + instance.Travel[customer][after] - instance.Travel[before][after] > limit)
            return null;
        return rules.Cost[before][customer] + rules.Cost[customer][after] - rules.Cost[before][after];
    }

    /// <summary>The general test: time the route with the customer inserted (in a list reused from call to call).</summary>
    private long? Timed(RouteRules rules, Tour? tour, int customer, int position)
    {
        _candidate.Clear();
        if (tour is not null) _candidate.AddRange(tour.Nodes);
        _candidate.Insert(position, customer);
        return rules.ScheduledCost(_candidate) is { } cost ? cost - (tour?.Cost ?? 0) : null;
    }

    /// <summary>
    /// Recomputes the tour's load, work, cost and earliest and latest starts (without the break: exact for the constant-time
    /// test, a necessary condition otherwise); false when a rule refuses the tour.
    /// </summary>
    private bool Refresh(int day, Tour tour)
    {
        var rules = _rules[day];
        var instance = rules.Instance;
        var nodes = tour.Nodes;
        tour.Load = nodes.Sum(rules.Demand);
        var count = nodes.Count;
        var earliest = new long[count + 2];
        var latest = new long[count + 2];
        earliest[0] = instance.HorizonStart;
        long work = 0;
        var previous = 0;
        for (var i = 1; i <= count + 1; i++)
        {
            var node = i <= count ? nodes[i - 1] : 0;
            work += instance.Service[previous] + instance.Travel[previous][node];
            earliest[i] = rules.EarliestStart(node, earliest[i - 1] + instance.Service[previous] + instance.Travel[previous][node]);
            previous = node;
        }
        latest[count + 1] = instance.HorizonEnd;
        var next = 0;
        for (var i = count; i >= 0; i--)
        {
            var node = i >= 1 ? nodes[i - 1] : 0;
            latest[i] = rules.LatestStart(node, latest[i + 1] - instance.Travel[node][next] - instance.Service[node]);
            next = node;
        }
        tour.Earliest = earliest;
        tour.Latest = latest;
        tour.Work = work;
        if (!rules.ConstantTimeInsertion)
        {
            if (tour.Load > instance.Capacity || rules.ScheduledCost(nodes) is not { } cost) return false;
            tour.Cost = cost;
            return true;
        }
        tour.Cost = rules.ArcCost(nodes);
        return tour.Load <= instance.Capacity && RouteRules.Feasible(earliest[count + 1]) && earliest[count + 1] <= instance.HorizonEnd
            && (instance.MaxDuration is not { } limit || work <= limit);
    }

    private PeriodicResult Result(State state, long iterations)
    {
        var days = new List<IReadOnlyList<Route>>();
        long cost = 0;
        for (var d = 0; d < state.Days.Length; d++)
        {
            var routes = new List<Route>();
            foreach (var tour in state.Days[d])
            {
                var route = _rules[d].Schedule(tour.Nodes)
                    ?? throw new InvalidOperationException($"day {d}: a route the search kept breaks a rule (a bug in the insertion test)");
                routes.Add(route);
                cost += _rules[d].ArcCost(tour.Nodes);
            }
            days.Add(routes);
        }
        var dropped = Unserved(state).ToList();
        return new PeriodicResult(days, dropped, cost, iterations);
    }
}
