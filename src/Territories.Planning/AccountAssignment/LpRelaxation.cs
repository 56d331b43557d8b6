using Territories.Domain.Model;
using Google.OrTools.LinearSolver;

using Territories.Planning.Rules;

namespace Territories.Planning.AccountAssignment;

/// <summary>The LP relaxation's outcome: a proven lower bound on the objective and the fractional assignment.</summary>
/// <param name="Bound">A lower bound valid for every eligible pair, pruned or not.</param>
/// <param name="Preferred">Per account, the rep with the largest fractional share: the LP rounded.</param>
/// <param name="Integral">Per account, the rep the LP gives it whole, or -1 where the LP splits it between reps.</param>
/// <param name="SplitReps">The reps that hold a share of an account the LP splits.</param>
/// <param name="Columns">Every pair the LP ended with: the candidates and those priced in.</param>
/// <param name="Deviation">The LP's largest relative deviation from fair share, when the balance term is linear.</param>
/// <param name="NearCheapest">Per account, the eligible reps whose reduced cost lies within <see cref="LpRelaxation.NearCheapestWindow"/>
/// of its cheapest, each with how far above it (in average accounts' shares of the LP's value, see <see cref="LpRelaxation"/>);
/// empty when every eligible pair was a candidate (nothing was priced).</param>
/// <param name="ReducedCost">Each pair's reduced cost at the LP's duals, by account and rep (what the LP says a pair costs
/// beyond what its rows are worth: 0 on the pairs it uses); null when nothing was priced.</param>
/// <param name="AccountDuals">The dual of each account's row (what covering it is worth), where the column-generation dive's
/// prices start (<see cref="RepColumnMaster"/>).</param>
/// <param name="PairBounds">What each pair's reduced cost says about the plans that use it (reduced-cost fixing).</param>
/// <param name="DeviationWorth">What a looser balance is worth to the LP's other terms, as a share of the balance weight
/// (<see cref="LpRelaxation"/>'s probe half a point beyond its own largest deviation); null without a linear balance term,
/// where the band leaves no room for the probe, or when the LP was cut short.</param>
internal sealed record LpResult(double Bound, int[] Preferred, int[] Integral, IReadOnlySet<int> SplitReps, IReadOnlyList<(int Account, int Rep)> Columns, int PricingRounds, double? Deviation,
    IReadOnlyList<(int Rep, double Above)[]> NearCheapest, Func<int, int, double>? ReducedCost = null, double[]? AccountDuals = null, PairBounds? PairBounds = null,
    double? DeviationWorth = null)
{
    /// <summary>The relaxation over the candidate pairs has no solution, so neither has the pruned model.</summary>
    public static LpResult Infeasible { get; } = new(double.PositiveInfinity, [], [], new HashSet<int>(), [], 0, null, []);

    /// <summary>How many accounts the LP splits between reps.</summary>
    public int FractionalCount => Integral.Count(r => r < 0);

    public bool IsInfeasible => ReferenceEquals(this, Infeasible);

    /// <summary>
    /// True when the LP's largest deviation already sits at the edge of <paramref name="data"/>'s band, so no plan can
    /// lower the balance term by more than a ten-thousandth of the bound: LP-guided models then leave it out, and where
    /// a plan and the LP disagree is a matter of the linear costs (<see cref="LpDisagreementNeighbourhood"/>). Measured on
    /// a 10,000 x 112 book with a binding move cap: CP-SAT found no plan for the 97 split accounts in 7 s with the
    /// deviation constraints, and proved the model optimal in under a second without them.
    /// </summary>
    public bool SettlesTheBalanceTerm(AssignmentData data) =>
        Deviation is { } deviation && data.Band is { } band
        && data.Weights.Balance * (band.Tolerance - deviation) <= 1e-4 * Math.Max(1, Math.Abs(Bound));
}

/// <summary>
/// Solves the LP relaxation of the assignment with GLOP by column generation: first over the candidate pairs (on a large
/// pruned book, each account's few cheapest of them: see <see cref="AddInitialColumns"/>), then adding every eligible pair whose
/// reduced cost is negative, until none is or the Lagrangian bound (each account's row kept,
/// the others priced at their duals) is within a ten-thousandth of the LP's value. If time runs out first, the
/// Lagrangian bound of the last round solved is still a valid lower bound. Each round also lists, per account, the reps
/// the LP is nearly indifferent between (<see cref="LpResult.NearCheapest"/>): reduced costs are taken above the
/// account's cheapest over every eligible rep (the LP's own duals may leave a whole assignment a negative reduced cost,
/// its upper bound's price), and measured in an average account's share of the LP's value, so the window means the
/// same on books of any size and objective scale.
/// </summary>
internal sealed class LpRelaxation
{
    private readonly AssignmentData _data;
    private readonly Solver _solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available");
    private readonly Constraint[] _assign;
    private readonly Constraint[] _capacity;
    private readonly Constraint?[] _maxAccounts;
    private readonly Constraint?[] _metricOf;
    private readonly bool _capacityOnMetric;
    private readonly Constraint? _moved;
    private readonly Variable? _deviation;
    private readonly List<(int Account, int Rep, Variable X)> _columns = [];
    private readonly HashSet<(int, int)> _present = [];

    private readonly List<(int Account, int Rep)> _withheld = [];
    private readonly int _initialCheapest;

    /// <summary>Every column binary and named (<see cref="ColumnName"/>): the model is the whole MIP, for <see cref="WholeMip"/>.</summary>
    private readonly bool _binary;

    private LpRelaxation(AssignmentData data, int? initialCheapest, bool binary = false)
    {
        _data = data;
        _binary = binary;
        _initialCheapest = initialCheapest ?? (StartsNarrow(data) ? InitialCheapest : int.MaxValue);
        // Dual simplex re-optimises fastest after columns are added; measured 2-3x faster than primal here at 5k-20k accounts.
        _solver.SetSolverSpecificParametersAsString("use_dual_simplex: true");
        _assign = Enumerable.Range(0, data.AccountCount).Select(_ => _solver.MakeConstraint(1, 1)).ToArray();
        _capacity = Enumerable.Range(0, data.RepCount).Select(r => data.Capacity.AddTo(_solver, r)).ToArray();
        _maxAccounts = Enumerable.Range(0, data.RepCount).Select(r => data.MaxAccounts.AddTo(_solver, r)).ToArray();
        var metricOf = RepMetricSums(data);
        _metricOf = metricOf.Select(m => m?.Sum).ToArray();
        _capacityOnMetric = data.Metric == BalanceMetric.Workload && metricOf.All(m => m is not null);
        if (_capacityOnMetric)
            for (var r = 0; r < data.RepCount; r++) _capacity[r].SetCoefficient(metricOf[r]!.Value.Variable, 1);
        if (data.Band is { } band) AddBand(band, metricOf);
        if (data.HasLinearBalanceTerm) _deviation = AddDeviation(data, metricOf);
        _moved = data.MoveCap.AddTo(_solver);
        var objective = _solver.Objective();
        objective.SetMinimization();
        if (_deviation is not null) objective.SetCoefficient(_deviation, data.Weights.Balance);
        AddInitialColumns(data);
    }

    /// <summary>
    /// Each rep's metric sum as a variable of its own (metric_r - the rep's columns' metric = 0), when the band or the
    /// balance term reads it: their four rows per rep (and, for the workload, the capacity row) then hold one coefficient
    /// each instead of one per column, less than half the LP's nonzeros on a 20,000 x 200 book. Same LP, same bound;
    /// GLOP's rounds took 16.8 s instead of 22.6 s on the western tuning book (w3), 8.9 instead of 12.4 s on the southern
    /// one and 13.3 instead of 16.1 s on the north-eastern one (the same simplex iterations within 10%, each cheaper).
    /// </summary>
    private (Variable Variable, Constraint Sum)?[] RepMetricSums(AssignmentData data)
    {
        var sums = new (Variable, Constraint)?[data.RepCount];
        if (data.Band is null && !data.HasLinearBalanceTerm) return sums;
        for (var r = 0; r < data.RepCount; r++)
        {
            var metric = _solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "");
            var sum = _solver.MakeConstraint(0, 0);
            sum.SetCoefficient(metric, 1);
            sums[r] = (metric, sum);
        }
        return sums;
    }

    /// <summary>The band on each rep's metric; with a total that depends on the plan, relative to a total variable (the sum of the reps' metrics).</summary>
    private void AddBand(BalanceBand band, (Variable Variable, Constraint Sum)?[] metricOf)
    {
        Variable? total = null;
        if (!band.FixedTotal)
        {
            total = _solver.MakeNumVar(0, double.PositiveInfinity, "total");
            var sum = _solver.MakeConstraint(0, 0);
            sum.SetCoefficient(total, 1);
            foreach (var m in metricOf) sum.SetCoefficient(m!.Value.Variable, -1);
        }
        for (var r = 0; r < metricOf.Length; r++)
        {
            var (upper, lower) = band.AddTo(_solver, r, total);
            upper.SetCoefficient(metricOf[r]!.Value.Variable, 1);
            lower?.SetCoefficient(metricOf[r]!.Value.Variable, 1);
        }
    }

    /// <summary>deviation >= |metric_r - share_r| / share_r, written as metric_r - share_r * deviation <= share_r and its mirror.</summary>
    private Variable AddDeviation(AssignmentData data, (Variable Variable, Constraint Sum)?[] metricOf)
    {
        var deviation = _solver.MakeNumVar(0, double.PositiveInfinity, "deviation");
        var total = Enumerable.Range(0, data.AccountCount).Sum(a => data.Problem.MetricOf(data.Metric, a, 0));
        for (var r = 0; r < data.RepCount; r++)
        {
            var share = total * data.Fractions[r];
            if (share <= 0) continue;
            var above = _solver.MakeConstraint(double.NegativeInfinity, share);
            above.SetCoefficient(deviation, -share);
            above.SetCoefficient(metricOf[r]!.Value.Variable, 1);
            var below = _solver.MakeConstraint(share, double.PositiveInfinity);
            below.SetCoefficient(deviation, share);
            below.SetCoefficient(metricOf[r]!.Value.Variable, 1);
        }
        return deviation;
    }

    /// <summary>
    /// On a large pruned book (<see cref="StartsNarrow"/>) the LP starts from each account's <see cref="InitialCheapest"/>
    /// cheapest candidates, its current rep and its seed rep (the candidate set's plan), and pricing brings in the other
    /// pairs the duals ask for; the other candidates are withheld until then. A restricted LP solves faster and pricing finds the same optimum: on the western
    /// 20,000 x 200 tuning book (w3) the LP took 38-44 s over all 8 candidates (161,000 columns to start, one round cut at
    /// the LP's deadline in one run of two) and 26-28 s from 3 (70,000; the same bound within 2e-5); from 1, 2, 4 and 5
    /// it took 35, 39, 30 and 36 s. Without pruning every candidate is a column: nothing is priced.
    /// </summary>
    private void AddInitialColumns(AssignmentData data)
    {
        for (var a = 0; a < data.AccountCount; a++)
        {
            // Candidates are ordered by cost, cheapest first.
            var start = data.CandidateLimit is null ? data.Candidates[a].Length : _initialCheapest;
            for (var s = 0; s < data.Candidates[a].Length; s++)
            {
                var r = data.Candidates[a][s];
                if (s < start || r == data.Current[a] || r == data.Seed[a]) AddColumn(a, r);
                else _withheld.Add((a, r));
            }
        }
    }

    /// <summary>
    /// The whole model as a MIP in MPS form: this relaxation's rows over every candidate pair, each pair a binary column
    /// named by <see cref="ColumnName"/> in the order of <c>Columns</c>. Its objective is the plan's where the balance term is
    /// linear (<see cref="AssignmentData.HasLinearBalanceTerm"/>) or weighs nothing.
    /// </summary>
    public static (string Mps, IReadOnlyList<(int Account, int Rep)> Columns) WholeMip(AssignmentData data)
    {
        var lp = new LpRelaxation(data, int.MaxValue, binary: true);
        try
        {
            return (lp._solver.ExportModelAsMpsFormat(false, false), lp._columns.Select(c => (c.Account, c.Rep)).ToList());
        }
        finally
        {
            lp._solver.Dispose();
        }
    }

    /// <summary>The name of the <paramref name="index"/>-th column of <see cref="WholeMip"/>.</summary>
    public static string ColumnName(int index) => "x" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How many of each account's cheapest candidates a pruned book's LP starts from (see <see cref="AddInitialColumns"/>).</summary>
    public const int InitialCheapest = 3;

    /// <summary>
    /// The LP starts narrow on pruned books of more than <see cref="NarrowFromPairs"/> candidate pairs (20,000 x 200
    /// books hold about 160,000), where the full start's rounds cost seconds each; on smaller books it starts from every
    /// candidate, as before: there the narrow start saved little time and its plans were worse (quality runner, 60 s,
    /// full start then narrow, one after the other: 4,000 x 45 seeds 1-3 0.35, 0.64-0.69, 0.52% against 0.46, 0.82-0.89,
    /// 0.37%; 10,000 x 112 seeds 2 and 3 0.26, 0.29% against 0.35, 0.30%).
    /// </summary>
    private static bool StartsNarrow(AssignmentData data) => data.CandidateLimit is not null && data.PairCount > NarrowFromPairs;

    private const int NarrowFromPairs = 120_000;

    /// <summary>
    /// Adds every withheld candidate: the restricted LP of the first round may have no solution where the candidate set
    /// has one (the seed plan meets the band only mostly), and only the LP over every candidate may say the book has none.
    /// False when none was withheld.
    /// </summary>
    private bool AddWithheldCandidates()
    {
        if (_withheld.Count == 0) return false;
        foreach (var (a, r) in _withheld) AddColumn(a, r);
        _withheld.Clear();
        return true;
    }

    /// <summary>
    /// Solves the relaxation; <see cref="LpResult.Infeasible"/> when GLOP proves it infeasible. When time runs out inside a
    /// round, the last round solved (its Lagrangian bound and rounding), or null when none was: on a 20,000 x 200 book under
    /// load the seventh round was cut at the LP's deadline and six solved rounds (0.001% from the optimum) were thrown away.
    /// </summary>
    /// <param name="maxRounds">At most this many pricing rounds (fewer for tests of a cut LP).</param>
    /// <param name="initialCheapest">How many of each account's cheapest candidates a pruned book starts from; by default
    /// <see cref="InitialCheapest"/> where it <see cref="StartsNarrow"/>, else every candidate (tests set it on small books).</param>
    public static LpResult? Solve(AssignmentData data, TimeSpan limit, CancellationToken cancel, int maxRounds = MaxRounds, int? initialCheapest = null)
    {
        var lp = new LpRelaxation(data, initialCheapest);
        try
        {
            return lp.Run(limit, maxRounds, cancel);
        }
        finally
        {
            lp._solver.Dispose();
        }
    }

    private const int MaxRounds = 25;

    /// <summary>
    /// Pricing stops once the Lagrangian bound is this close to the LP's value (relative, at least absolute 1): the
    /// rounds after that move neither the bound nor the rounding measurably. On a 20,000 x 200 western book the fifth
    /// round's bound was 0.008% below the optimum and the sixth round took another 4 s.
    /// </summary>
    private const double CloseEnough = 1e-4;

    private LpResult? Run(TimeSpan limit, int maxRounds, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + limit;
        double lagrangianBound = double.NegativeInfinity;
        LpResult? solved = null;
        // A cancelled run (a user's cancel, or the time limit) stops GLOP inside its solve, not after it.
        using var interrupt = cancel.Register(() => _solver.InterruptSolve());
        for (var round = 1; ; round++)
        {
            if (cancel.IsCancellationRequested) return solved;
            _solver.SetTimeLimit((long)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds));
            var status = _solver.Solve();
            if (status == Solver.ResultStatus.INFEASIBLE && round == 1 && AddWithheldCandidates())
            {
                _solver.SetTimeLimit((long)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds));
                status = _solver.Solve();
            }
            if (status == Solver.ResultStatus.INFEASIBLE && round == 1) return LpResult.Infeasible;
            // Time ran out inside a round: the last round solved still gives a valid bound and a rounding.
            if (status != Solver.ResultStatus.OPTIMAL) return solved;
            var value = _solver.Objective().Value();
            var duals = new RowDuals(this);
            var mixed = Mixed(duals);
            var (shortfall, entering, nearCheapest) = Price(value, duals, mixed);
            // Lagrangian bound, valid whatever columns are missing: each account's row kept, every other row priced at
            // its dual. The LP's value less what whole assignments at their upper bound earn (their reduced cost times
            // their value) is what the duals price the rows at; each account then adds its cheapest reduced cost. The
            // bound used to add every account's most negative reduced cost to the value alone, counting those whole
            // assignments twice: 1.89 against the optimum's 2.55 until the last round on a 20,000 x 200 book.
            lagrangianBound = Math.Max(lagrangianBound, value + shortfall.Sum());
            solved = Result(entering.Count == 0 ? value : lagrangianBound, round, nearCheapest, duals, mixed);
            var done = entering.Count == 0 || value - lagrangianBound <= CloseEnough * Math.Max(1, Math.Abs(value)) || DateTime.UtcNow >= deadline || cancel.IsCancellationRequested || round >= maxRounds;
            if (done) return _deviation is null || cancel.IsCancellationRequested ? solved : solved with { DeviationWorth = DeviationWorth(value, deadline) };
            foreach (var (a, r) in entering) AddColumn(a, r);
        }
    }

    /// <summary>How far beyond its own largest deviation <see cref="DeviationWorth"/> probes the LP.</summary>
    public const double DeviationProbe = 0.005;

    /// <summary>
    /// What the LP's other terms (travel, disruption, cost) save per unit of largest deviation when the deviation must be
    /// <see cref="DeviationProbe"/> larger than the LP's own, as a share of the balance weight: 1 when the LP is
    /// indifferent between balance and the rest there, near 0 when a looser balance buys nothing. One more solve of the
    /// same LP (its columns, warm-started) with the deviation's lower bound raised, right after the last round; null when
    /// the band leaves no room that far (the LP at or near its edge, as on every 10,000 and 20,000-account tuning book), or
    /// when that solve does not finish by the LP's deadline.
    /// </summary>
    private double? DeviationWorth(double value, DateTime deadline)
    {
        var deviation = _deviation!.SolutionValue();
        var left = (deadline - DateTime.UtcNow).TotalMilliseconds;
        if (left < 1 || _data.Band is { } band && deviation + DeviationProbe >= band.Tolerance) return null;
        _deviation.SetLb(deviation + DeviationProbe);
        _solver.SetTimeLimit((long)left);
        if (_solver.Solve() != Solver.ResultStatus.OPTIMAL) return null;
        var weight = _data.Weights.Balance;
        return (value - _solver.Objective().Value() + weight * DeviationProbe) / (weight * DeviationProbe);
    }

    /// <summary>
    /// What the round just solved gives: the bound, the LP rounded, the accounts it splits, the columns so far and the
    /// pairs' bounds (<see cref="PairBounds.FromLagrangian"/>); the reduced costs only where a pruned book was priced.
    /// </summary>
    private LpResult Result(double bound, int round, (int, double)[][] nearCheapest, RowDuals duals, double[] mixed)
    {
        var (preferred, integral) = Rounded();
        var split = _columns.Where(c => integral[c.Account] < 0 && c.X.SolutionValue() > IntegralTolerance).Select(c => c.Rep).ToHashSet();
        return new LpResult(FloatingBound.Safe(bound), preferred, integral, split, _columns.Select(c => (c.Account, c.Rep)).ToList(), round, _deviation?.SolutionValue(), nearCheapest,
            _data.CandidateLimit is null ? null : duals.ReducedCost, _assign.Select(c => c.DualValue()).ToArray(),
            PairBounds.FromLagrangian(_data, _solver.Objective().Value(), duals.ReducedCost, mixed));
    }

    /// <summary>Per account, the reduced costs of its columns weighted by their values in the round just solved.</summary>
    private double[] Mixed(RowDuals duals)
    {
        var mixed = new double[_data.AccountCount];
        foreach (var (a, r, x) in _columns) mixed[a] += duals.ReducedCost(a, r) * x.SolutionValue();
        return mixed;
    }

    /// <summary>How far above an account's cheapest reduced cost <see cref="LpResult.NearCheapest"/> lists reps, in average accounts' shares of the LP's value.</summary>
    public const double NearCheapestWindow = 0.08;

    /// <summary>
    /// Prices every eligible pair: the pairs to add (each account's most negative reduced cost, when that pair is not in
    /// the LP yet); per account, how far the cheapest reduced cost lies below the LP's own mix of that account's
    /// columns, which the Lagrangian bound adds; and the reps near the account's cheapest.
    /// </summary>
    private (double[] Shortfall, List<(int, int)> Entering, (int, double)[][] NearCheapest) Price(double value, RowDuals duals, double[] mixed)
    {
        var shortfall = new double[_data.AccountCount];
        var entering = new List<(int, int)>();
        if (_data.CandidateLimit is null) return (shortfall, entering, []);
        var lowest = new double[_data.AccountCount];
        var nearCheapest = new (int, double)[_data.AccountCount][];
        var perAccountShare = Math.Max(1e-12, Math.Abs(value) / _data.AccountCount);
        var reducedCosts = new List<(int Rep, double Reduced)>();
        for (var a = 0; a < _data.AccountCount; a++)
        {
            reducedCosts.Clear();
            (int Rep, double Cost) best = (-1, double.PositiveInfinity);
            foreach (var r in _data.Problem.EligibleRepsOf(a))
            {
                var reduced = duals.ReducedCost(a, r);
                reducedCosts.Add((r, reduced));
                if (reduced < best.Cost) best = (r, reduced);
            }
            lowest[a] = best.Cost;
            if (best.Cost < -1e-9 && !_present.Contains((a, best.Rep))) entering.Add((a, best.Rep));
            nearCheapest[a] = reducedCosts.Select(e => (e.Rep, Above: (e.Reduced - best.Cost) / perAccountShare))
                .Where(e => e.Above <= NearCheapestWindow).OrderBy(e => e.Above).ToArray();
        }
        for (var a = 0; a < _data.AccountCount; a++) shortfall[a] = Math.Min(0, lowest[a] - mixed[a]);
        return (shortfall, entering, nearCheapest);
    }

    private void AddColumn(int a, int r)
    {
        if (!_present.Add((a, r))) return;
        var x = _binary ? _solver.MakeBoolVar(ColumnName(_columns.Count)) : _solver.MakeNumVar(0, 1, "");
        var workload = _data.Problem.WorkloadOf(a, r);
        var metric = _data.Problem.MetricOf(_data.Metric, a, r);
        _solver.Objective().SetCoefficient(x, _data.PairCost(a, r));
        _assign[a].SetCoefficient(x, 1);
        if (!_capacityOnMetric) _capacity[r].SetCoefficient(x, workload);
        _maxAccounts[r]?.SetCoefficient(x, 1);
        _metricOf[r]?.SetCoefficient(x, -metric);
        if (_data.CountsAsMove(a, r)) _moved?.SetCoefficient(x, 1);
        _columns.Add((a, r, x));
    }

    /// <summary>Per account the rep with the largest share, and that rep again where the share is whole (else -1).</summary>
    private (int[] Preferred, int[] Integral) Rounded()
    {
        var preferred = Enumerable.Repeat(-1, _data.AccountCount).ToArray();
        var share = new double[_data.AccountCount];
        foreach (var (a, r, x) in _columns)
        {
            var value = x.SolutionValue();
            if (value > share[a]) (share[a], preferred[a]) = (value, r);
        }
        var integral = preferred.Select((r, a) => share[a] >= 1 - IntegralTolerance ? r : -1).ToArray();
        return (preferred, integral);
    }

    /// <summary>A share this close to 1 counts as a whole assignment.</summary>
    private const double IntegralTolerance = 1e-6;

    /// <summary>The dual prices a pair would pay in every row it would enter: y^T A for its column.</summary>
    private sealed class RowDuals(LpRelaxation lp)
    {
        private readonly double[] _assign = lp._assign.Select(c => c.DualValue()).ToArray();
        private readonly double[] _capacity = lp._capacity.Select(c => lp._capacityOnMetric ? 0 : c.DualValue()).ToArray();
        private readonly double[] _maxAccounts = lp._maxAccounts.Select(c => c?.DualValue() ?? 0).ToArray();
        private readonly double[] _metric = lp._metricOf.Select(c => -(c?.DualValue() ?? 0)).ToArray();
        private readonly double _moved = lp._moved?.DualValue() ?? 0;

        /// <summary>What the pair costs beyond what its rows are worth at these duals.</summary>
        public double ReducedCost(int a, int r) => lp._data.PairCost(a, r) - Of(a, r);

        public double Of(int a, int r)
        {
            var data = lp._data;
            var metric = data.Problem.MetricOf(data.Metric, a, r);
            var y = _assign[a] + _capacity[r] * data.Problem.WorkloadOf(a, r) + _maxAccounts[r] + _metric[r] * metric;
            return data.CountsAsMove(a, r) ? y + _moved : y;
        }
    }
}
