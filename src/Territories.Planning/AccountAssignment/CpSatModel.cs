using Google.OrTools.Sat;
using Territories.Domain.Evaluation;

using Territories.Planning.Rules;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The CP-SAT model of the assignment, built in the samples' fixed order: variables, then one method per hard rule,
/// then the objective. Each rule group can be switched by an enforcement literal, so an infeasible model can name the
/// groups that conflict.
/// </summary>
internal sealed class CpSatModel
{

    private readonly AssignmentData _data;
    private readonly ModelScope _scope;
    private readonly IntegerScale _workload;
    private readonly IntegerScale _metric;
    private readonly Dictionary<string, BoolVar> _ruleSwitches = [];
    private IntVar? _deviation;
    private readonly bool _balanceTerm;
    /// <summary>Each rep's fair share in the deviation constraints (metric units times <see cref="SolverIntegers.ShareFactor"/>).</summary>
    private readonly Dictionary<int, long> _shares = [];

    /// <param name="scope">Which accounts the model decides and among which reps; null for every account and candidate.</param>
    /// <param name="balanceTerm">False leaves the largest deviation out of the objective (the band still holds): for
    /// sub-models where the LP shows the term cannot change (see <see cref="Attempt"/>).</param>
    /// <param name="cancel">Stops the building with <see cref="OperationCanceledException"/>: a model of 160,000 pairs
    /// took 8 s to build under load (load average 17), past the solve's time limit.</param>
    public CpSatModel(AssignmentData data, bool switchableRules, double? referenceMetricTotal, ModelScope? scope = null, bool balanceTerm = true,
        CancellationToken cancel = default)
    {
        _balanceTerm = balanceTerm;
        _data = data;
        _scope = scope ?? ModelScope.Everything(data);
        SwitchableRules = switchableRules;
        (_workload, _metric, ObjectiveScale) = (data.Integers.Workload, data.Integers.Metric, data.Integers.Objective);
        Slots = Enumerable.Range(0, data.AccountCount).Select(_scope.SlotsOf).ToArray();
        X = Slots.Select((slots, a) =>
        {
            cancel.ThrowIfCancellationRequested();
            return slots.Select(s => Model.NewBoolVar($"x_{a}_{data.Candidates[a][s]}")).ToArray();
        }).ToArray();
        Action[] steps = [AddEachAccountOnce, AddCapacity, AddMaxAccounts, AddBalance, AddMaxMovedShare, () => AddObjective(referenceMetricTotal)];
        foreach (var step in steps)
        {
            cancel.ThrowIfCancellationRequested();
            step();
        }
    }

    public CpModel Model { get; } = new();
    /// <summary>The decision variables of each account, one per slot in <see cref="Slots"/>; empty for a fixed account.</summary>
    public BoolVar[][] X { get; }
    /// <summary>For each account, the candidate slot each of its variables stands for.</summary>
    public int[][] Slots { get; }
    public bool SwitchableRules { get; }
    /// <summary>Objective coefficients are the linear costs times this factor, rounded down, so the model never overstates a plan.</summary>
    public double ObjectiveScale { get; }
    /// <summary>True when the model's objective equals the true one up to the rounding accounted for in <see cref="ModelSlack"/>.</summary>
    public bool ObjectiveIsExact => _data.Weights.Balance == 0 || (_data.HasLinearBalanceTerm && _balanceTerm);
    /// <summary>How much the model's optimum may exceed the true objective's, from rounding the balance term up.</summary>
    public double ModelSlack => _deviation is null ? 0 : _data.Weights.Balance * 2.0 / DeviationScale;

    /// <summary>Balance deviation is modelled in units of 1/DeviationScale (see <see cref="SolverIntegers"/>).</summary>
    private long DeviationScale => _data.Integers.DeviationScale;

    /// <summary>The rule groups that were switched by a literal, by name.</summary>
    public IReadOnlyDictionary<string, BoolVar> RuleSwitches => _ruleSwitches;

    /// <summary>
    /// Hints every variable, the largest deviation included: CP-SAT takes a complete feasible hint as its first solution
    /// at once, where a hint without the deviation had to be completed by search and, on a 10,000-account book, was not
    /// within 5 s of a neighbourhood model with 1,900 free accounts.
    /// </summary>
    public void AddHint(IReadOnlyList<int> repOf)
    {
        for (var a = 0; a < X.Length; a++)
            for (var k = 0; k < X[a].Length; k++)
                Model.AddHint(X[a][k], RepOf(a, k) == repOf[a]);
        if (_deviation is not null) Model.AddHint(_deviation, HintedDeviation(repOf));
    }

    /// <summary>The least value of the deviation variable the plan's decided accounts allow, in the model's integers.</summary>
    private long HintedDeviation(IReadOnlyList<int> repOf)
    {
        var sums = new long[_data.RepCount];
        for (var a = 0; a < X.Length; a++)
            for (var k = 0; k < X[a].Length; k++)
                if (RepOf(a, k) == repOf[a]) sums[repOf[a]] += _metric.Round(_data.MetricValue[a][Slots[a][k]]);
        return _shares.Select(e => LargestDeviation.Of((Int128)_data.Integers.ShareFactor * (sums[e.Key] + _scope.FixedMetric(e.Key, _metric)), e.Value, DeviationScale))
            .DefaultIfEmpty(0).Max();
    }

    /// <summary>The plan a solution stands for: decided accounts from their variables, fixed ones as the scope fixed them.</summary>
    public int[] ReadSolution(Func<BoolVar, bool> isTrue)
    {
        var repOf = new int[X.Length];
        for (var a = 0; a < X.Length; a++)
        {
            repOf[a] = _scope.FixedRepOf(a);
            for (var k = 0; k < X[a].Length; k++)
            {
                if (!isTrue(X[a][k])) continue;
                repOf[a] = RepOf(a, k);
                break;
            }
        }
        return repOf;
    }

    private int RepOf(int a, int k) => _data.Candidates[a][Slots[a][k]];

    private void AddEachAccountOnce()
    {
        foreach (var row in X.Where(row => row.Length > 0)) Model.AddExactlyOne(row);
    }

    private void AddCapacity()
    {
        foreach (var (r, terms) in ByRep(_workload.Up, (a, s) => _data.Workload[a][s]))
            Enforce(_data.Capacity.Add(Model, r, LinearExpr.WeightedSum(terms.Vars, terms.Coefficients), _scope.FixedLoad(r, _workload), _workload), RuleNames.Capacity);
    }

    private void AddMaxAccounts()
    {
        foreach (var (r, terms) in ByRep(v => (long)v, (_, _) => 1))
        {
            if (_data.MaxAccounts.Binds(r))
                Enforce(_data.MaxAccounts.Add(Model, r, LinearExpr.Sum(terms.Vars), _scope.FixedCount(r)), RuleNames.MaxAccounts);
        }
    }

    private void AddBalance()
    {
        if (_data.Band is not { } band) return;
        var byRep = ByRep(_metric.Round, (a, s) => _data.MetricValue[a][s]);
        if (band.FixedTotal)
        {
            foreach (var (r, terms) in byRep)
                Enforce(band.AddFixed(Model, r, LinearExpr.WeightedSum(terms.Vars, terms.Coefficients), terms.Vars.Count, _scope.FixedMetric(r, _metric), _metric), RuleNames.Balance);
            return;
        }
        if (!_scope.IsEverything) throw new InvalidOperationException("a neighbourhood model needs a fixed balance total");
        var all = byRep.SelectMany(t => t.Terms.Vars.Zip(t.Terms.Coefficients)).ToList();
        var totalMax = all.Sum(t => t.Second);
        var total = Model.NewIntVar(0, totalMax, "metric_total");
        Model.Add(LinearExpr.WeightedSum(all.Select(t => t.First), all.Select(t => t.Second)) == total);
        foreach (var (r, terms) in byRep)
            foreach (var constraint in band.AddRelative(Model, r, LinearExpr.WeightedSum(terms.Vars, terms.Coefficients), total))
                Enforce(constraint, RuleNames.Balance);
    }

    private void AddMaxMovedShare()
    {
        if (!_data.MoveCap.Binds) return;
        var moves = new List<BoolVar>();
        for (var a = 0; a < X.Length; a++)
            for (var k = 0; k < X[a].Length; k++)
                if (_data.CountsAsMove(a, RepOf(a, k))) moves.Add(X[a][k]);
        Enforce(_data.MoveCap.Add(Model, LinearExpr.Sum(moves), _scope.FixedMoves), RuleNames.MaxMovedShare);
    }

    /// <summary>
    /// Minimise the linear costs (travel, disruption, cost; weighted and normalised) plus, with a balance weight, the
    /// largest relative deviation from fair share. When the metric's total depends on the plan, the deviation is measured
    /// against <paramref name="referenceMetricTotal"/> (the hint's total) and the model's bound is not used.
    /// </summary>
    private void AddObjective(double? referenceMetricTotal)
    {
        var vars = new List<BoolVar>();
        var coefficients = new List<long>();
        for (var a = 0; a < X.Length; a++)
        {
            for (var k = 0; k < X[a].Length; k++)
            {
                var c = (long)Math.Floor(_data.Cost[a][Slots[a][k]] * ObjectiveScale + 1e-9);
                if (c == 0) continue;
                vars.Add(X[a][k]);
                coefficients.Add(c);
            }
        }
        var objective = LinearExpr.WeightedSum(vars, coefficients);
        if (_data.Weights.Balance > 0 && _balanceTerm)
        {
            var total = _data.HasLinearBalanceTerm ? _data.Band?.Total ?? MetricTotal() : referenceMetricTotal ?? MetricTotal();
            _deviation = AddDeviation(total);
            var weight = _data.Integers.DeviationWeight;
            objective += weight * _deviation;
        }
        Model.Minimize(objective);
    }

    private IntVar AddDeviation(double total)
    {
        var factor = _data.Integers.ShareFactor;
        var reps = new List<(LinearExpr, long)>();
        foreach (var (r, terms) in ByRep(_metric.Round, (a, s) => _data.MetricValue[a][s], includeFixedReps: true))
        {
            // The share is kept in units of 1/ShareFactor of the metric's integers.
            var share = (long)Math.Round(total * _data.Fractions[r] * _metric.Factor * factor);
            if (share <= 0) continue;
            _shares[r] = share;
            reps.Add((factor * (LinearExpr.WeightedSum(terms.Vars, terms.Coefficients) + _scope.FixedMetric(r, _metric)), share));
        }
        return LargestDeviation.Add(Model, DeviationScale, reps);
    }

    private double MetricTotal() => Enumerable.Range(0, _data.AccountCount).Sum(a => _data.MetricValue[a].Length > 0 ? _data.MetricValue[a][0] : 0);

    private void Enforce(Constraint constraint, string rule)
    {
        if (!SwitchableRules) return;
        if (!_ruleSwitches.TryGetValue(rule, out var literal))
        {
            literal = Model.NewBoolVar($"rule_{rule}");
            _ruleSwitches[rule] = literal;
            Model.AddAssumption(literal);
        }
        constraint.OnlyEnforceIf(literal);
    }

    /// <summary>Each rep's decision variables with their coefficients; reps no decided account may join are left out unless asked for.</summary>
    private IEnumerable<(int Rep, (List<BoolVar> Vars, List<long> Coefficients) Terms)> ByRep(Func<double, long> scale, Func<int, int, double> value, bool includeFixedReps = false)
    {
        var terms = Enumerable.Range(0, _data.RepCount).Select(_ => (Vars: new List<BoolVar>(), Coefficients: new List<long>())).ToArray();
        for (var a = 0; a < X.Length; a++)
        {
            for (var k = 0; k < X[a].Length; k++)
            {
                var s = Slots[a][k];
                var r = _data.Candidates[a][s];
                terms[r].Vars.Add(X[a][k]);
                terms[r].Coefficients.Add(scale(value(a, s)));
            }
        }
        return terms.Select((t, r) => (r, t)).Where(t => _scope.IsEverything || includeFixedReps || t.t.Vars.Count > 0);
    }
}
