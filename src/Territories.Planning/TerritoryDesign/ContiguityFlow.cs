using Google.OrTools.Sat;

namespace Territories.Planning.TerritoryDesign;

/// <summary>
/// Contiguity as a single-commodity flow per district (Shirabe's formulation): every non-empty district has one root
/// unit that sends one unit of flow to each other unit of the district, along edges whose both ends belong to it. A
/// district whose units are not connected cannot route that flow, so the constraint holds exactly.
/// </summary>
internal static class ContiguityFlow
{
    /// <param name="x">x[u][d]: unit u is in district d; null where u may not go to d.</param>
    /// <param name="used">used[d]: district d has at least one unit (then it has exactly one root).</param>
    /// <returns>The variables, so that a plan can be hinted in full (see <see cref="Variables.Hint"/>).</returns>
    public static Variables Add(CpModel model, BoolVar?[][] x, BoolVar[] used, IReadOnlyList<(int A, int B)> edges)
    {
        var variables = new Variables(new BoolVar?[x.Length, used.Length], new Dictionary<(int, int, int), IntVar>());
        var units = x.Length;
        var districts = used.Length;
        var capacity = Math.Max(1, units - 1);
        for (var d = 0; d < districts; d++)
        {
            var roots = new List<BoolVar>();
            var inflow = Enumerable.Range(0, units).Select(_ => new List<IntVar>()).ToArray();
            var outflow = Enumerable.Range(0, units).Select(_ => new List<IntVar>()).ToArray();
            var root = new BoolVar?[units];
            for (var u = 0; u < units; u++)
            {
                if (x[u][d] is not { } member) continue;
                model.AddImplication(member, used[d]);
                root[u] = variables.Roots[u, d] = model.NewBoolVar($"root_{u}_{d}");
                model.AddImplication(root[u]!, member);
                roots.Add(root[u]!);
            }
            model.Add(LinearExpr.Sum(roots) == used[d]);
            foreach (var (a, b) in edges)
            {
                if (x[a][d] is not { } xa || x[b][d] is not { } xb) continue;
                foreach (var (from, to, xFrom, xTo) in new[] { (a, b, xa, xb), (b, a, xb, xa) })
                {
                    var flow = variables.Flows[(from, to, d)] = model.NewIntVar(0, capacity, $"flow_{from}_{to}_{d}");
                    model.Add(flow <= capacity * xFrom);
                    model.Add(flow <= capacity * xTo);
                    outflow[from].Add(flow);
                    inflow[to].Add(flow);
                }
            }
            for (var u = 0; u < units; u++)
            {
                if (x[u][d] is not { } member) continue;
                // A non-root member keeps one unit of what it receives; a root receives nothing and sends what it likes.
                model.Add(LinearExpr.Sum(inflow[u]) - LinearExpr.Sum(outflow[u]) >= member - units * root[u]!);
                model.Add(LinearExpr.Sum(inflow[u]) <= capacity * (1 - root[u]!));
            }
        }
        return variables;
    }

    /// <summary>The roots and arc flows of the formulation.</summary>
    internal sealed record Variables(BoolVar?[,] Roots, Dictionary<(int From, int To, int District), IntVar> Flows)
    {
        /// <summary>
        /// Hints the roots and flows that prove a contiguous plan connected: per district, a breadth-first tree from its
        /// first unit, each tree arc carrying the size of the subtree below it. With the plan's x hinted too, CP-SAT
        /// starts from a complete feasible solution instead of having to route the flows itself.
        /// </summary>
        public void Hint(CpModel model, int[] districtOf, IReadOnlyList<List<int>> neighbours)
        {
            var units = districtOf.Length;
            var districts = Roots.GetLength(1);
            var flow = new Dictionary<(int, int, int), long>();
            var isRoot = new bool[units, districts];
            for (var d = 0; d < districts; d++)
            {
                var members = Enumerable.Range(0, units).Where(u => districtOf[u] == d).ToList();
                if (members.Count == 0) continue;
                isRoot[members[0], d] = true;
                var parent = new Dictionary<int, int> { [members[0]] = -1 };
                var order = new List<int>();
                var queue = new Queue<int>([members[0]]);
                while (queue.TryDequeue(out var u))
                {
                    order.Add(u);
                    foreach (var v in neighbours[u].Where(v => districtOf[v] == d && !parent.ContainsKey(v)))
                    {
                        parent[v] = u;
                        queue.Enqueue(v);
                    }
                }
                var subtree = order.ToDictionary(u => u, _ => 1L);
                foreach (var u in Enumerable.Reverse(order).Where(u => parent[u] >= 0))
                {
                    subtree[parent[u]] += subtree[u];
                    flow[(parent[u], u, d)] = subtree[u];
                }
            }
            for (var u = 0; u < units; u++)
            for (var d = 0; d < districts; d++)
                if (Roots[u, d] is { } root) model.AddHint(root, isRoot[u, d]);
            foreach (var (arc, variable) in Flows) model.AddHint(variable, flow.GetValueOrDefault(arc));
        }
    }
}
