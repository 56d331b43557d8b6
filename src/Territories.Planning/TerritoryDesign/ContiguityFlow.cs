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
    public static void Add(CpModel model, BoolVar?[][] x, BoolVar[] used, IReadOnlyList<(int A, int B)> edges)
    {
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
                root[u] = model.NewBoolVar($"root_{u}_{d}");
                model.AddImplication(root[u]!, member);
                roots.Add(root[u]!);
            }
            model.Add(LinearExpr.Sum(roots) == used[d]);
            foreach (var (a, b) in edges)
            {
                if (x[a][d] is not { } xa || x[b][d] is not { } xb) continue;
                foreach (var (from, to, xFrom, xTo) in new[] { (a, b, xa, xb), (b, a, xb, xa) })
                {
                    var flow = model.NewIntVar(0, capacity, $"flow_{from}_{to}_{d}");
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
    }
}
