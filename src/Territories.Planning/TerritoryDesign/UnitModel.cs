using Google.OrTools.Sat;
using Territories.Planning.AccountAssignment;
using Territories.Planning.Rules;

namespace Territories.Planning.TerritoryDesign;

/// <summary>
/// The CP-SAT model of territory design on units, in the samples' order: variables, one method per rule, objective.
/// Costs are scaled by <see cref="ObjectiveScale"/> and rounded down, and the largest balance deviation is rounded up to
/// 1/<see cref="DeviationScale"/>, so the solver's bound minus <see cref="ModelSlack"/> is a valid bound on the true objective.
/// </summary>
internal sealed class UnitModel
{
    public const long DeviationScale = 10_000;

    private readonly UnitData _data;
    private readonly BoolVar?[][] _x;
    private readonly BoolVar[] _used;

    public UnitModel(UnitData data, int[]? hint)
    {
        _data = data;
        _x = new BoolVar?[data.UnitCount][];
        _used = Enumerable.Range(0, data.RepCount).Select(r => Model.NewBoolVar($"used_{r}")).ToArray();
        AddVariables();
        AddEachUnitOnce();
        AddCapacity();
        AddMaxAccounts();
        AddMaxMoved();
        AddBalanceBand();
        var contiguity = ContiguityFlow.Add(Model, _x, _used, data.Edges);
        AddObjective();
        if (hint is not null)
        {
            AddHint(hint);
            contiguity.Hint(Model, hint, data.Neighbours);
        }
    }

    public CpModel Model { get; } = new();
    public double ObjectiveScale { get; private set; } = 1;
    /// <summary>How much the modelled objective may exceed the true one for the same plan (the deviation's rounding).</summary>
    public double ModelSlack { get; private set; }

    public int[] ReadSolution(Func<ILiteral, bool> value)
    {
        var repOf = new int[_data.UnitCount];
        for (var u = 0; u < _data.UnitCount; u++)
            repOf[u] = Array.FindIndex(_x[u], x => x is not null && value(x));
        return repOf;
    }

    private IEnumerable<(int Unit, BoolVar X)> OfRep(int r) =>
        Enumerable.Range(0, _data.UnitCount).Where(u => _x[u][r] is not null).Select(u => (u, _x[u][r]!));

    private void AddVariables()
    {
        for (var u = 0; u < _data.UnitCount; u++)
        {
            _x[u] = new BoolVar?[_data.RepCount];
            for (var r = 0; r < _data.RepCount; r++)
                if (_data.Eligible[u][r]) _x[u][r] = Model.NewBoolVar($"x_{u}_{r}");
        }
    }

    private void AddEachUnitOnce()
    {
        for (var u = 0; u < _data.UnitCount; u++) Model.AddExactlyOne(_x[u].OfType<BoolVar>());
    }

    private void AddCapacity()
    {
        var scale = _data.Accounts.Integers.Workload;
        for (var r = 0; r < _data.RepCount; r++)
            _data.Accounts.Capacity.Add(Model, r, LinearExpr.WeightedSum(OfRep(r).Select(p => p.X), OfRep(r).Select(p => scale.Up(_data.Workload[p.Unit][r]))), 0, scale);
    }

    private void AddMaxAccounts()
    {
        for (var r = 0; r < _data.RepCount; r++)
        {
            if (!_data.Accounts.MaxAccounts.Binds(r)) continue;
            _data.Accounts.MaxAccounts.Add(Model, r, LinearExpr.WeightedSum(OfRep(r).Select(p => p.X), OfRep(r).Select(p => (long)_data.AccountsOf[p.Unit].Count)), 0);
        }
    }

    private void AddMaxMoved()
    {
        if (!_data.Accounts.MoveCap.Binds) return;
        var moves = Enumerable.Range(0, _data.RepCount).SelectMany(r => OfRep(r).Where(p => _data.Moves[p.Unit][r] > 0).Select(p => (p.X, (long)_data.Moves[p.Unit][r]))).ToList();
        _data.Accounts.MoveCap.Add(Model, LinearExpr.WeightedSum(moves.Select(m => m.X), moves.Select(m => m.Item2)), 0);
    }

    private void AddBalanceBand()
    {
        if (_data.Accounts.Band is not { } band) return;
        var scale = _data.Accounts.Integers.Metric;
        for (var r = 0; r < _data.RepCount; r++)
        {
            var sum = LinearExpr.WeightedSum(OfRep(r).Select(p => p.X), OfRep(r).Select(p => scale.Round(_data.Metric[p.Unit][r])));
            band.AddFixed(Model, r, sum, OfRep(r).Count(), 0, scale);
        }
    }

    private void AddObjective()
    {
        var accounts = _data.Accounts;
        var balance = accounts.Weights.Balance > 0 ? accounts.Weights.Balance / accounts.Scales.Balance : 0;
        var largest = Math.Max(balance, _data.Cost.SelectMany(c => c).DefaultIfEmpty(0).Max());
        ObjectiveScale = largest > 0 ? 1e7 / largest : 1;
        var terms = new List<(LinearExpr Expr, long Weight)>();
        for (var u = 0; u < _data.UnitCount; u++)
        for (var r = 0; r < _data.RepCount; r++)
            if (_x[u][r] is { } x && (long)Math.Floor(_data.Cost[u][r] * ObjectiveScale) is var c and > 0) terms.Add((x, c));
        if (balance > 0)
        {
            var deviation = AddDeviation();
            terms.Add((deviation, (long)Math.Floor(balance * ObjectiveScale / DeviationScale)));
            ModelSlack = balance / DeviationScale;
        }
        Model.Minimize(LinearExpr.WeightedSum(terms.Select(t => t.Expr), terms.Select(t => t.Weight)));
    }

    /// <summary>deviation / DeviationScale is at least every rep's |metric - fair share| / fair share.</summary>
    private IntVar AddDeviation()
    {
        var scale = _data.Accounts.Integers.Metric;
        var total = _data.Accounts.Band?.Total ?? Enumerable.Range(0, _data.UnitCount).Sum(u => _data.Metric[u].Max());
        var reps = Enumerable.Range(0, _data.RepCount).Select(r => (
            LinearExpr.WeightedSum(OfRep(r).Select(p => p.X), OfRep(r).Select(p => scale.Round(_data.Metric[p.Unit][r]))),
            scale.Round(_data.Accounts.Fractions[r] * total)));
        return LargestDeviation.Add(Model, DeviationScale, reps);
    }

    private void AddHint(int[] repOfUnit)
    {
        for (var u = 0; u < _data.UnitCount; u++)
        for (var r = 0; r < _data.RepCount; r++)
            if (_x[u][r] is { } x) Model.AddHint(x, repOfUnit[u] == r);
        for (var r = 0; r < _data.RepCount; r++) Model.AddHint(_used[r], repOfUnit.Contains(r));
    }
}
