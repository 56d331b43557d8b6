using BenchmarkDotNet.Attributes;
using Territories.Domain.Contracts;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Samples;

namespace Territories.Benchmarks;

/// <summary>Reading the contract JSON of 20,000 accounts, and re-checking a plan of 20,000 accounts with the evaluator.</summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private TerritoryProblem _problem = null!;
    private string _json = null!;
    private int[] _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _problem = SyntheticBook.Generate(new SyntheticBookSettings(20_000, 200, 7));
        _json = TerritoryProblemWriter.Write(_problem);
        _plan = Enumerable.Range(0, _problem.Accounts.Count).Select(_problem.CurrentRepIndexOf).ToArray();
        _ = _problem.Scales;
    }

    [Benchmark]
    public TerritoryProblem Parse20kAccounts() => TerritoryProblemReader.Read(_json);

    [Benchmark]
    public PlanEvaluation Evaluate20kAccounts() => PlanEvaluator.Evaluate(_problem, _plan);
}
