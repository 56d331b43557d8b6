using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;

namespace Territories.Planning.TerritoryDesign;

/// <summary>
/// A territory problem seen unit by unit: every unit's accounts go to one rep together, so each (unit, rep) pair has the
/// sums of its accounts' workloads, balance metric, linear objective costs and moves. The objective stays exact:
/// every term is a sum over accounts (the balance term a function of the reps' sums).
/// </summary>
internal sealed class UnitData
{
    public UnitData(TerritoryProblem problem)
    {
        Accounts = AssignmentData.Build(problem, null);
        // The contract reader refuses a contiguity problem whose band moves with the plan, so this is never user input.
        if (Accounts.Band is { FixedTotal: false })
            throw new InvalidOperationException("territory design needs a balance band fixed in advance; the reader refuses rep-specific workloads with contiguity");
        Problem = problem;
        var units = problem.Accounts.Select(a => a.UnitId!.Value).Distinct().ToList();
        Ids = units.ToArray();
        var position = units.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);
        UnitOfAccount = problem.Accounts.Select(a => position[a.UnitId!.Value]).ToArray();
        AccountsOf = Enumerable.Range(0, UnitCount).Select(_ => new List<int>()).ToArray();
        for (var a = 0; a < problem.Accounts.Count; a++) AccountsOf[UnitOfAccount[a]].Add(a);
        Eligible = new bool[UnitCount][];
        Workload = new double[UnitCount][];
        Metric = new double[UnitCount][];
        Cost = new double[UnitCount][];
        Moves = new int[UnitCount][];
        for (var u = 0; u < UnitCount; u++) Aggregate(u);
        Edges = UnitEdges(problem, position);
        Neighbours = Enumerable.Range(0, UnitCount).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in Edges)
        {
            Neighbours[a].Add(b);
            Neighbours[b].Add(a);
        }
    }

    public TerritoryProblem Problem { get; }
    /// <summary>The account-level data (unpruned): costs, capacities, band and move limit come from it.</summary>
    public AssignmentData Accounts { get; }
    /// <summary>The units that hold accounts, in order of first appearance; units without accounts play no part.</summary>
    public UnitId[] Ids { get; }
    public int UnitCount => Ids.Length;
    public int RepCount => Accounts.RepCount;
    public int[] UnitOfAccount { get; }
    public List<int>[] AccountsOf { get; }
    /// <summary>True when the rep may take every account of the unit (skills, locks, pairsOnly).</summary>
    public bool[][] Eligible { get; }
    public double[][] Workload { get; }
    public double[][] Metric { get; }
    /// <summary>The linear part of the objective (travel, disruption, cost; weighted and normalised) of giving the unit to the rep.</summary>
    public double[][] Cost { get; }
    /// <summary>How many of the unit's accounts count as moved when the unit goes to the rep.</summary>
    public int[][] Moves { get; }
    /// <summary>Neighbouring units (both holding accounts), each pair once with the lower index first.</summary>
    public IReadOnlyList<(int A, int B)> Edges { get; }
    /// <summary>Each unit's neighbouring units, from <see cref="Edges"/>.</summary>
    public List<int>[] Neighbours { get; }

    /// <summary>Rep per account of a rep-per-unit plan.</summary>
    public int[] ToAccounts(int[] repOfUnit) => UnitOfAccount.Select(u => repOfUnit[u]).ToArray();

    private void Aggregate(int u)
    {
        var reps = RepCount;
        (Eligible[u], Workload[u], Metric[u], Cost[u], Moves[u]) = (new bool[reps], new double[reps], new double[reps], new double[reps], new int[reps]);
        for (var r = 0; r < reps; r++)
        {
            Eligible[u][r] = AccountsOf[u].All(a => Accounts.IndexOf(a, r) >= 0);
            if (!Eligible[u][r]) continue;
            foreach (var a in AccountsOf[u])
            {
                var i = Accounts.IndexOf(a, r);
                Workload[u][r] += Accounts.Workload[a][i];
                Metric[u][r] += Accounts.MetricValue[a][i];
                Cost[u][r] += Accounts.Cost[a][i];
                if (Accounts.CountsAsMove(a, r)) Moves[u][r]++;
            }
        }
    }

    private static List<(int, int)> UnitEdges(TerritoryProblem problem, Dictionary<UnitId, int> position)
    {
        var graph = UnitGraph.Of(problem.Units);
        var edges = new HashSet<(int, int)>();
        foreach (var (unit, u) in position)
        {
            foreach (var neighbour in graph.Neighbors(unit))
            {
                if (position.TryGetValue(neighbour, out var v) && u != v) edges.Add((Math.Min(u, v), Math.Max(u, v)));
            }
        }
        return edges.OrderBy(e => e.Item1).ThenBy(e => e.Item2).ToList();
    }
}
