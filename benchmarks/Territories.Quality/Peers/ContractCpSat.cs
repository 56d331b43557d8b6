using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace Territories.Quality.Peers;

/// <summary>What a peer's CP-SAT run ended with.</summary>
/// <param name="RepOf">Rep index per account of the best plan, or null without one.</param>
/// <param name="FirstPlanSeconds">Seconds on the caller's clock when CP-SAT reported its first plan.</param>
/// <param name="Bound">CP-SAT's proven bound on the contract's objective, only when the integer model is the objective exactly.</param>
internal sealed record CpSatEnd(CpSolverStatus Status, int[]? RepOf, double? FirstPlanSeconds, double? Bound);

/// <summary>
/// The plain CP-SAT model of the contract: a boolean for every eligible pair of every free account, exactly one rep per
/// account, each rep's workload within its capacity, its count within maxAccounts, its balance metric within the band,
/// the move budget, and the weighted objective (travel, disruption and cost per pair, the balance weight times the
/// largest relative deviation from fair share). Accounts given in <c>fixedRep</c> count as constants. No hint.
/// Quantities are scaled to integers: workloads and metrics by 1,000 (exact to three decimals), the objective so that
/// its largest possible value is about 10^9; the evaluator scores the plan it returns.
/// </summary>
internal static class ContractCpSat
{
    private const long QuantityScale = 1000;
    private const long DeviationSteps = 10_000;

    /// <param name="seed">CP-SAT's random seed; null keeps CP-SAT's default, as every table so far was run.</param>
    public static CpSatEnd Solve(ContractTerms terms, int[]? fixedRep, double seconds, int workers, Stopwatch clock, int? seed = null)
    {
        var model = new CpModel();
        var (exact, objectiveScale) = ObjectiveScale(terms);
        var x = new BoolVar[terms.Accounts][];
        var objective = new List<(ILiteral Var, long Coefficient)>();
        var workload = Enumerable.Range(0, terms.Reps).Select(_ => new RepSum()).ToArray();
        var metric = Enumerable.Range(0, terms.Reps).Select(_ => new RepSum()).ToArray();
        var count = Enumerable.Range(0, terms.Reps).Select(_ => new RepSum()).ToArray();
        var stay = new RepSum();
        for (var a = 0; a < terms.Accounts; a++)
        {
            var reps = terms.Eligible[a];
            if (fixedRep is not null && fixedRep[a] >= 0)
            {
                var i = Array.IndexOf(reps, fixedRep[a]);
                var r = fixedRep[a];
                workload[r].Constant += Scaled(terms.Workload[a][i]);
                metric[r].Constant += Scaled(terms.Metric[a][i]);
                count[r].Constant++;
                if (terms.Current[a] == r) stay.Constant++;
                continue;
            }
            x[a] = reps.Select(_ => model.NewBoolVar("")).ToArray();
            model.AddExactlyOne(x[a]);
            for (var i = 0; i < reps.Length; i++)
            {
                var r = reps[i];
                workload[r].Add(x[a][i], Scaled(terms.Workload[a][i]));
                metric[r].Add(x[a][i], Scaled(terms.Metric[a][i]));
                count[r].Add(x[a][i], 1);
                if (terms.Current[a] == r) stay.Add(x[a][i], 1);
                var cost = (long)Math.Round(terms.PairCost[a][i] * objectiveScale);
                if (cost != 0) objective.Add((x[a][i], cost));
            }
        }
        IntVar? deviation = terms.BalanceWeight != 0 ? model.NewIntVar(0, DeviationSteps * 100, "largest deviation") : null;
        for (var r = 0; r < terms.Reps; r++)
        {
            model.Add(workload[r].Expression() <= (long)Math.Floor(terms.Capacity[r] * QuantityScale + 1e-6));
            if (terms.MaxAccounts[r] is { } most) model.Add(count[r].Expression() <= most);
            if (double.IsFinite(terms.BandLow[r])) model.Add(metric[r].Expression() >= (long)Math.Ceiling(terms.BandLow[r] * QuantityScale - 1e-6));
            if (double.IsFinite(terms.BandHigh[r])) model.Add(metric[r].Expression() <= (long)Math.Floor(terms.BandHigh[r] * QuantityScale + 1e-6));
            var share = (long)Math.Round(terms.FairShare[r] * QuantityScale);
            if (deviation is null || share <= 0) continue;
            // |metric - share| <= share * deviation / steps
            model.Add(DeviationSteps * metric[r].Expression() - share * deviation <= DeviationSteps * share);
            model.Add(DeviationSteps * metric[r].Expression() + share * deviation >= DeviationSteps * share);
        }
        if (terms.MoveLimit is { } limit) model.Add(stay.Expression() >= terms.WithCurrentRep - limit);
        var goal = LinearExpr.WeightedSum(objective.Select(o => o.Var), objective.Select(o => o.Coefficient));
        model.Minimize(deviation is null ? goal : goal + (long)Math.Round(terms.BalanceWeight * objectiveScale / DeviationSteps) * deviation);

        var remaining = seconds - clock.Elapsed.TotalSeconds;
        if (remaining <= 0.01) return new CpSatEnd(CpSolverStatus.Unknown, null, null, null);
        var solver = new CpSolver { StringParameters = Parameters(workers, remaining, seed) };
        double? first = null;
        var status = solver.Solve(model, new FirstSolution(() => first ??= clock.Elapsed.TotalSeconds));
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return new CpSatEnd(status, null, first, null);
        var repOf = new int[terms.Accounts];
        for (var a = 0; a < terms.Accounts; a++)
        {
            repOf[a] = x[a] is null ? fixedRep![a] : terms.Eligible[a][Array.FindIndex(x[a], v => solver.BooleanValue(v))];
        }
        return new CpSatEnd(status, repOf, first, exact && fixedRep is null ? solver.BestObjectiveBound : null);
    }

    /// <summary>
    /// 1 when every pair's contribution is a whole number and the balance weight is 0 (a GAP: the model is the objective
    /// exactly); else the factor that brings the largest possible objective to about 10^9.
    /// </summary>
    private static (bool Exact, double Scale) ObjectiveScale(ContractTerms terms)
    {
        var exact = terms.BalanceWeight == 0 && terms.PairCost.All(costs => costs.All(c => c == Math.Round(c) && Math.Abs(c) < 1e12));
        if (exact) return (true, 1);
        var largest = terms.PairCost.Sum(costs => costs.Select(Math.Abs).DefaultIfEmpty(0).Max()) + Math.Abs(terms.BalanceWeight);
        return (false, 1e9 / Math.Max(largest, 1e-9));
    }

    /// <summary>The peer's CP-SAT parameters: workers, the time left and, when given, the random seed.</summary>
    public static string Parameters(int workers, double seconds, int? seed) =>
        string.Create(CultureInfo.InvariantCulture, $"num_workers:{workers}, max_time_in_seconds:{seconds:0.###}")
        + (seed is { } s ? string.Create(CultureInfo.InvariantCulture, $", random_seed:{s}") : "");

    private static long Scaled(double quantity) => (long)Math.Round(quantity * QuantityScale);

    /// <summary>A per-rep linear sum of pair literals plus a constant (the fixed accounts).</summary>
    private sealed class RepSum
    {
        private readonly List<ILiteral> _vars = [];
        private readonly List<long> _coefficients = [];
        public long Constant { get; set; }

        public void Add(ILiteral var, long coefficient)
        {
            _vars.Add(var);
            _coefficients.Add(coefficient);
        }

        public LinearExpr Expression() => LinearExpr.WeightedSum(_vars, _coefficients) + Constant;
    }

    private sealed class FirstSolution(Action onSolution) : CpSolverSolutionCallback
    {
        public override void OnSolutionCallback() => onSolution();
    }
}
