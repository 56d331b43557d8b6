using Territories.Domain.Model;
using Territories.Planning.Rules;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The problem as arrays the construction heuristic, the LP and the CP-SAT model share: for each account its candidate
/// reps (eligible, possibly pruned to the nearest few) with the workload, balance metric and linear objective cost of
/// each pair. Built once per candidate set.
/// </summary>
internal sealed class AssignmentData
{
    private SolverIntegers? _integers;

    private AssignmentData(TerritoryProblem problem, int? candidateLimit, IReadOnlyList<IReadOnlyCollection<int>>? candidates, int[]? seed)
    {
        Problem = problem;
        CandidateLimit = candidateLimit;
        AccountCount = problem.Accounts.Count;
        RepCount = problem.Reps.Count;
        Weights = problem.EffectiveWeights;
        Scales = problem.Scales;
        Metric = problem.Options.Balance.Metric;
        Capacity = Capacity.For(problem);
        MaxAccounts = MaxAccounts.For(problem);
        Current = Enumerable.Range(0, AccountCount).Select(problem.CurrentRepIndexOf).ToArray();
        MoveWeight = Enumerable.Range(0, AccountCount).Select(a => ObjectiveScales.MoveWeight(problem, a)).ToArray();
        MoveCap = MoveCap.For(problem);
        Fractions = problem.FairShareFractions();
        Candidates = new int[AccountCount][];
        Workload = new double[AccountCount][];
        MetricValue = new double[AccountCount][];
        Cost = new double[AccountCount][];
        if (candidates is null) (candidates, seed) = CandidateSelector.Select(problem, candidateLimit, PairCost);
        Seed = seed!;
        BuildCandidates(candidates);
        Band = BalanceBand.For(problem);
    }

    /// <summary>
    /// The same candidates and costs under another balance band (a narrower one: <see cref="BalanceTightening"/>): a
    /// shallow copy, every array shared, so a field added later is copied too; the integer scales do not depend on the band.
    /// </summary>
    public AssignmentData WithBand(BalanceBand band)
    {
        var copy = (AssignmentData)MemberwiseClone();
        copy.Band = band;
        return copy;
    }

    public TerritoryProblem Problem { get; }
    /// <summary>How many nearest eligible reps each account was limited to; null when every eligible rep is a candidate.</summary>
    public int? CandidateLimit { get; }
    public int AccountCount { get; }
    public int RepCount { get; }
    public ObjectiveWeights Weights { get; }
    public ObjectiveScales Scales { get; }
    public BalanceMetric Metric { get; }
    public Capacity Capacity { get; }
    public MaxAccounts MaxAccounts { get; }
    /// <summary>The current rep of each account, or -1 (none, or a rep who left).</summary>
    public int[] Current { get; }
    /// <summary>What moving each account costs in the disruption term before scaling.</summary>
    public double[] MoveWeight { get; }
    public MoveCap MoveCap { get; }
    /// <summary>Each rep's fair-share fraction (capacity over total capacity).</summary>
    public double[] Fractions { get; }
    /// <summary>Candidate rep indices of each account, cheapest first.</summary>
    public int[][] Candidates { get; }
    public double[][] Workload { get; }
    public double[][] MetricValue { get; }
    /// <summary>The linear part of the objective (travel, disruption and cost, weighted and normalised) of each candidate pair.</summary>
    public double[][] Cost { get; }
    /// <summary>A rep per account from a supply-aware nearest-rep pass (-1: none had room): the construction's first preference.</summary>
    public int[] Seed { get; }
    /// <summary>The hard balance band, or null without a tolerance.</summary>
    public BalanceBand? Band { get; private set; }

    /// <summary>The integer scales every CP-SAT model over this candidate set uses.</summary>
    public SolverIntegers Integers => _integers ??= SolverIntegers.For(this);

    /// <summary>True when the balance weight is on and the metric's total is fixed, so max deviation is a linear term.</summary>
    public bool HasLinearBalanceTerm => Weights.Balance > 0 && !Problem.DependsOnRep(Metric);

    public int PairCount => Candidates.Sum(c => c.Length);

    public static AssignmentData Build(TerritoryProblem problem, int? candidateLimit) => new(problem, candidateLimit, null, null);

    /// <summary>The same data with more candidate pairs (e.g. those the LP priced in); this when none is new.</summary>
    public AssignmentData WithPairs(IEnumerable<(int Account, int Rep)> pairs)
    {
        var candidates = Candidates.Select(c => new HashSet<int>(c)).ToArray();
        var added = pairs.Count(p => candidates[p.Account].Add(p.Rep));
        return added == 0 ? this : new AssignmentData(Problem, CandidateLimit, candidates, Seed);
    }

    public bool CountsAsMove(int account, int rep) => Current[account] >= 0 && Current[account] != rep;

    /// <summary>The linear objective cost of giving the account to a rep (any eligible rep, candidate or not).</summary>
    public double PairCost(int account, int rep)
    {
        var cost = 0.0;
        if (Weights.Travel != 0) cost += Weights.Travel / Scales.Travel * Problem.DistanceKm(account, rep) * Problem.WorkloadOf(account, rep);
        if (Weights.Disruption != 0 && CountsAsMove(account, rep)) cost += Weights.Disruption / Scales.Disruption * MoveWeight[account];
        if (Weights.Cost != 0) cost += Weights.Cost / Scales.Cost * (double)Problem.CostOf(account, rep);
        return cost;
    }

    public int IndexOf(int account, int rep) => Array.IndexOf(Candidates[account], rep);

    /// <summary>True when every account's rep in the plan is one of its candidates, so a model over the candidates can hold the plan.</summary>
    public bool IsCandidatePlan(int[] repOf) => Enumerable.Range(0, repOf.Length).All(a => IndexOf(a, repOf[a]) >= 0);

    private void BuildCandidates(IReadOnlyList<IReadOnlyCollection<int>> candidates)
    {
        for (var a = 0; a < AccountCount; a++)
        {
            var list = candidates[a].Select(r => (Rep: r, Cost: PairCost(a, r))).OrderBy(e => e.Cost).ThenBy(e => e.Rep).ToArray();
            Candidates[a] = list.Select(e => e.Rep).ToArray();
            Cost[a] = list.Select(e => e.Cost).ToArray();
            Workload[a] = Candidates[a].Select(r => Problem.WorkloadOf(a, r)).ToArray();
            MetricValue[a] = Candidates[a].Select(r => Problem.MetricOf(Metric, a, r)).ToArray();
        }
    }
}
