using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Organisation;
using Territories.Tests.Shared;

namespace Territories.Domain.Tests.Organisation;

/// <summary>Plans roll up per org unit: a unit's figures are the sums of its children's, and a leaf's the sums of its reps'.</summary>
public class PlanRollUpTests
{
    /// <summary>Random trees (<see cref="RandomOrg"/>), reps in random leaves, random assignments with current reps.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void RollUp_EveryUnit_IsTheSumOfItsChildrenAndReps(int seed)
    {
        var random = new Random(seed);
        var units = RandomOrg.Tree(random);
        var tree = OrgTree.Of(units);
        var leaves = RandomOrg.Leaves(units);
        var reps = Enumerable.Range(0, random.Next(1, 30)).Select(i =>
            Build.Rep($"r{i}", random.Next(50, 200)) with { OrgUnitId = leaves[random.Next(leaves.Count)] }).ToList();
        var accounts = Enumerable.Range(0, random.Next(0, 120)).Select(i => Build.Account($"a{i}", random.Next(1, 20),
            potential: random.Next(0, 1000), revenue: random.Next(0, 500), current: random.Next(4) == 0 ? null : $"r{random.Next(reps.Count)}")).ToList();
        var problem = TerritoryProblem.Create(reps, accounts, orgUnits: units);
        var repOf = accounts.Select(_ => random.Next(reps.Count)).ToArray();

        var evaluation = PlanEvaluator.Evaluate(problem, repOf);

        var byId = evaluation.OrgUnits.ToDictionary(u => u.OrgUnitId);
        Assert.Equal(tree.Count, byId.Count);
        foreach (var unit in evaluation.OrgUnits)
        {
            var u = tree.IndexOf(unit.OrgUnitId);
            Assert.Equal(tree.DepthOf(u), unit.Level);
            var children = tree.ChildrenOf(u).Select(c => byId[units[c].Id]).ToList();
            var own = evaluation.Reps.Where((_, r) => reps[r].OrgUnitId == unit.OrgUnitId).ToList();
            Assert.Equal(children.Sum(c => c.Reps) + own.Count, unit.Reps);
            Assert.Equal(children.Sum(c => c.Accounts) + own.Sum(r => r.Accounts), unit.Accounts);
            Assert.Equal(children.Sum(c => c.Workload) + own.Sum(r => r.Workload), unit.Workload, 6);
            Assert.Equal(children.Sum(c => c.Capacity) + own.Sum(r => r.Capacity), unit.Capacity, 6);
            Assert.Equal(children.Sum(c => c.Potential) + own.Sum(r => r.Potential), unit.Potential);
            Assert.Equal(children.Sum(c => c.Revenue) + own.Sum(r => r.Revenue), unit.Revenue);
            Assert.Equal(children.Sum(c => c.MovedIn) + own.Sum(r => r.MovedIn), unit.MovedIn);
            Assert.Equal(children.Sum(c => c.MovedOut) + own.Sum(r => r.MovedOut), unit.MovedOut);
            Assert.Equal(unit.Capacity > 0 ? unit.Workload / unit.Capacity : 0, unit.Utilization, 9);
        }
        var roots = evaluation.OrgUnits.Where(u => u.ParentId is null).ToList();
        Assert.Equal(accounts.Count, roots.Sum(u => u.Accounts));
        Assert.Equal(evaluation.Reps.Sum(r => r.Potential), roots.Sum(u => u.Potential));
        Assert.Equal(evaluation.Reps.Sum(r => r.MovedIn), roots.Sum(u => u.MovedIn));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];
}
