using Google.OrTools.Sat;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;
using LP = Google.OrTools.LinearSolver;

namespace Territories.Planning.Rules;

/// <summary>
/// The hard balance band (rule <c>balance</c>): every rep's metric stays within (1 ± tolerance) x its fair-share fraction
/// x the plan's total. The one place for the band's bounds, its CP-SAT and LP encodings (the account model, the unit
/// model and the LP relaxation all encode it through here), the check the construction makes and the words the
/// diagnostics use. When the metric depends on the rep (pairs override workloads) the total moves with the plan:
/// <see cref="FixedTotal"/> is false and the bounds are relative to a total variable.
/// </summary>
internal sealed class BalanceBand
{
    /// <summary>With a moving total, per-rep fractions of it are modelled in units of 1/FractionScale.</summary>
    private const long FractionScale = 1_000_000;

    private readonly double[] _fractions;

    private BalanceBand(BalanceMetric metric, double tolerance, double[] fractions, double? total)
    {
        Metric = metric;
        Tolerance = tolerance;
        _fractions = fractions;
        FixedTotal = total is not null;
        Total = total ?? 0;
        Lower = FixedTotal ? fractions.Select((_, r) => LowerOf(r, Total)).ToArray() : [];
        Upper = FixedTotal ? fractions.Select((_, r) => UpperOf(r, Total)).ToArray() : [];
    }

    public BalanceMetric Metric { get; }
    public double Tolerance { get; }
    /// <summary>True when the metric's total is known before the solve (it does not depend on who serves an account).</summary>
    public bool FixedTotal { get; }
    /// <summary>The metric's total when <see cref="FixedTotal"/>, else 0.</summary>
    public double Total { get; }
    /// <summary>Per rep, the least metric allowed (fixed total only).</summary>
    public double[] Lower { get; }
    /// <summary>Per rep, the most metric allowed (fixed total only).</summary>
    public double[] Upper { get; }

    /// <summary>The band of the problem's options, or null without a tolerance.</summary>
    public static BalanceBand? For(TerritoryProblem problem)
    {
        if (problem.Options.Balance.Tolerance is not { } tolerance) return null;
        var metric = problem.Options.Balance.Metric;
        var fractions = problem.FairShareFractions();
        if (problem.DependsOnRep(metric)) return new BalanceBand(metric, tolerance, fractions, null);
        var total = Enumerable.Range(0, problem.Accounts.Count).Sum(a => problem.MetricOf(metric, a, 0));
        return new BalanceBand(metric, tolerance, fractions, total);
    }

    /// <summary>The same band with a smaller tolerance (fixed total only).</summary>
    public BalanceBand Narrowed(double tolerance) =>
        FixedTotal ? new BalanceBand(Metric, tolerance, _fractions, Total) : throw new InvalidOperationException("only a band over a fixed total narrows");

    public double LowerOf(int rep, double total) => (1 - Tolerance) * _fractions[rep] * total;

    public double UpperOf(int rep, double total) => (1 + Tolerance) * _fractions[rep] * total;

    /// <summary>
    /// CP-SAT, fixed total: <paramref name="sum"/> (the rep's decided metric in <paramref name="scale"/>'s integers, over
    /// <paramref name="terms"/> rounded terms) plus <paramref name="fixedMetric"/> within the band. Without an exact scale
    /// each term may be off by half a unit, so the band is narrowed by that much and a model plan always passes the evaluator.
    /// </summary>
    public Constraint AddFixed(CpModel model, int rep, LinearExpr sum, int terms, long fixedMetric, IntegerScale scale)
    {
        var rounding = scale.Exact ? 0 : (terms + 1) / 2;
        var lower = (long)Math.Ceiling(Lower[rep] * scale.Factor - 1e-6) + rounding - fixedMetric;
        var upper = (long)Math.Floor(Upper[rep] * scale.Factor + 1e-6) - rounding - fixedMetric;
        return model.AddLinearConstraint(sum, lower, upper);
    }

    /// <summary>CP-SAT, moving total: FractionScale x <paramref name="sum"/> within floor/ceil of (1 ± tolerance) x fraction x <paramref name="total"/>.</summary>
    public IEnumerable<Constraint> AddRelative(CpModel model, int rep, LinearExpr sum, IntVar total)
    {
        var upper = (long)Math.Floor((1 + Tolerance) * _fractions[rep] * FractionScale);
        var lower = (long)Math.Ceiling((1 - Tolerance) * _fractions[rep] * FractionScale);
        yield return model.Add(sum * FractionScale <= total * upper);
        yield return model.Add(sum * FractionScale >= total * lower);
    }

    /// <summary>
    /// LP rows of one rep, to which the caller adds each pair's metric: one ranged row with a fixed total; with a moving
    /// total, metric - (1 + tolerance) x fraction x total &lt;= 0 and metric - (1 - tolerance) x fraction x total &gt;= 0.
    /// </summary>
    public (LP.Constraint Upper, LP.Constraint? Lower) AddTo(LP.Solver solver, int rep, LP.Variable? total)
    {
        if (FixedTotal) return (solver.MakeConstraint(Lower[rep], Upper[rep]), null);
        ArgumentNullException.ThrowIfNull(total);
        var upper = solver.MakeConstraint(double.NegativeInfinity, 0);
        upper.SetCoefficient(total, -(1 + Tolerance) * _fractions[rep]);
        var lower = solver.MakeConstraint(0, double.PositiveInfinity);
        lower.SetCoefficient(total, -(1 - Tolerance) * _fractions[rep]);
        return (upper, lower);
    }

    /// <summary>The metric's name as users read it.</summary>
    public string MetricName => Metric.ToString().ToLowerInvariant();

    /// <summary>The rule in user terms, e.g. "balance of workload within ±10% of fair share" (conflict diagnostics).</summary>
    public string Describe() => $"balance of {MetricName} within ±{UserText.Percent(Tolerance)} of fair share";

    /// <summary>Why a rep cannot reach its band's lower side.</summary>
    public string LowerUnreachable(RepId rep, double lower, double reachable) =>
        $"rep {rep} must carry at least {UserText.Number(lower)} {MetricName} to stay within {UserText.Percent(Tolerance)} of its fair share, " +
        $"but all the accounts it may serve add up to {UserText.Number(reachable)}";

    /// <summary>
    /// Why a group of accounts fits no plan: their metric (<paramref name="demand"/>) exceeds the most the reps able to
    /// serve them may carry together within the band (<paramref name="supply"/>, the sum of their upper sides).
    /// </summary>
    public string GroupOverUpper(string who, double demand, string reps, double supply) =>
        $"{who} carry {UserText.Number(demand)} {MetricName}, but {reps} may carry at most {UserText.Number(supply)} {MetricName} " +
        $"between them within {UserText.Percent(Tolerance)} of their fair share";

    /// <summary>Why some accounts fit no eligible rep's band.</summary>
    public string AccountsTooBig(int count, string ids) =>
        $"{count} account(s) alone exceed the most {MetricName} any of their eligible reps may carry within {UserText.Percent(Tolerance)} of fair share ({ids})";
}
