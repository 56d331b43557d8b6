namespace Territories.Planning.Diagnostics;

/// <summary>
/// Max flow from demand groups to suppliers (source → group → supplier → sink) by augmenting paths. When demand cannot
/// all be met it returns the groups on the source side of a minimum cut: a set whose demand exceeds the total supply of
/// every supplier able to serve it (Hall's condition), which is exactly what a user must be told.
/// </summary>
internal static class BipartiteFlow
{
    public sealed record Shortage(IReadOnlyList<int> Groups, IReadOnlyList<int> Suppliers, double Demand, double Supply);

    public static Shortage? FindShortage(IReadOnlyList<double> demand, IReadOnlyList<IReadOnlyList<int>> suppliersOf, IReadOnlyList<double> supply)
    {
        int groups = demand.Count, suppliers = supply.Count;
        int source = groups + suppliers, sink = source + 1, nodes = sink + 1;
        var arcs = new List<(int To, double Capacity, int Reverse)>[nodes];
        for (var i = 0; i < nodes; i++) arcs[i] = [];
        void Arc(int from, int to, double capacity)
        {
            arcs[from].Add((to, capacity, arcs[to].Count));
            arcs[to].Add((from, 0, arcs[from].Count - 1));
        }
        for (var g = 0; g < groups; g++)
        {
            Arc(source, g, demand[g]);
            foreach (var s in suppliersOf[g]) Arc(g, groups + s, double.PositiveInfinity);
        }
        for (var s = 0; s < suppliers; s++) Arc(groups + s, sink, supply[s]);

        var total = demand.Sum();
        var flow = 0.0;
        const double epsilon = 1e-9;
        while (true)
        {
            var parent = new (int Node, int Arc)[nodes];
            Array.Fill(parent, (-1, -1));
            parent[source] = (source, -1);
            var queue = new Queue<int>([source]);
            while (queue.TryDequeue(out var u) && parent[sink].Node < 0)
            {
                for (var i = 0; i < arcs[u].Count; i++)
                {
                    var (to, capacity, _) = arcs[u][i];
                    if (capacity > epsilon && parent[to].Node < 0)
                    {
                        parent[to] = (u, i);
                        queue.Enqueue(to);
                    }
                }
            }
            if (parent[sink].Node < 0) break;
            var push = double.PositiveInfinity;
            for (var v = sink; v != source; v = parent[v].Node) push = Math.Min(push, arcs[parent[v].Node][parent[v].Arc].Capacity);
            for (var v = sink; v != source; v = parent[v].Node)
            {
                var (u, i) = parent[v];
                var arc = arcs[u][i];
                arcs[u][i] = arc with { Capacity = arc.Capacity - push };
                var back = arcs[v][arc.Reverse];
                arcs[v][arc.Reverse] = back with { Capacity = back.Capacity + push };
            }
            flow += push;
        }
        if (flow >= total - epsilon * Math.Max(1, total)) return null;

        var reachable = new bool[nodes];
        var stack = new Stack<int>([source]);
        reachable[source] = true;
        while (stack.TryPop(out var u))
        {
            foreach (var (to, capacity, _) in arcs[u])
            {
                if (capacity > epsilon && !reachable[to])
                {
                    reachable[to] = true;
                    stack.Push(to);
                }
            }
        }
        var cutGroups = Enumerable.Range(0, groups).Where(g => reachable[g]).ToList();
        var cutSuppliers = cutGroups.SelectMany(g => suppliersOf[g]).Distinct().Order().ToList();
        return new Shortage(cutGroups, cutSuppliers, cutGroups.Sum(g => demand[g]), cutSuppliers.Sum(s => supply[s]));
    }
}
