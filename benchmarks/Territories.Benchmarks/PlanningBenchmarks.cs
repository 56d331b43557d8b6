using BenchmarkDotNet.Attributes;
using Territories.Domain.Model;
using Territories.Domain.Samples;
using Territories.Planning.AccountAssignment;

namespace Territories.Benchmarks;

/// <summary>
/// Deterministic solver work on seeded books of 1,000, 5,000 and 20,000 accounts (one rep per 100 accounts): building the
/// candidate data (nearest reps and the seed plan), the CP-SAT model (pruned to 8 nearest reps above 40,000 pairs, as the solver does), and the
/// construction heuristic (band fill, regret greedy, repair).
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    private TerritoryProblem _problem = null!;
    private AssignmentData _data = null!;
    private int? _limit;

    [Params(1_000, 5_000, 20_000)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _problem = SyntheticBook.Generate(new SyntheticBookSettings(Accounts, Accounts / 100, 7));
        _ = _problem.Scales;
        _limit = (long)Accounts * (Accounts / 100) > AssignmentSolver.PruneAbovePairs ? SolveOptions.DefaultCandidateReps : null;
        _data = AssignmentData.Build(_problem, _limit);
        _ = _data.Integers;
    }

    /// <returns>The candidate pairs, so the work cannot be optimised away.</returns>
    [Benchmark]
    public int CandidateData() => AssignmentData.Build(_problem, _limit).PairCount;

    /// <returns>The model's constraint count, so the work cannot be optimised away.</returns>
    [Benchmark]
    public int BuildModel()
    {
        var data = AssignmentData.Build(_problem, _limit);
        return new CpSatModel(data, switchableRules: false, referenceMetricTotal: null).Model.Model.Constraints.Count;
    }

    /// <returns>How far the constructed plan is from meeting every rule (0 when it does).</returns>
    [Benchmark]
    public double Construction() => GreedyConstruction.Build(_data, _data.Seed, ConstructionBudget.Unlimited).Violation();
}
