using Google.OrTools.Sat;

namespace Territories.Planning.Tests.Rules;

/// <summary>
/// A CP-SAT model with one boolean per account and rep and "each account once", to which a test adds one rule: every
/// plan the rule allows is enumerated, so a test sees exactly what the encoding lets through.
/// </summary>
internal sealed class TinyModel
{
    public TinyModel(int accounts, int reps)
    {
        X = Enumerable.Range(0, accounts).Select(a => Enumerable.Range(0, reps).Select(r => Model.NewBoolVar($"x{a}_{r}")).ToArray()).ToArray();
        foreach (var row in X) Model.AddExactlyOne(row);
    }

    public CpModel Model { get; } = new();
    public BoolVar[][] X { get; }

    /// <summary>The decision variables of one rep, one per account.</summary>
    public IEnumerable<BoolVar> OfRep(int rep) => X.Select(row => row[rep]);

    /// <summary>Every plan (a rep per account) the model allows.</summary>
    public List<int[]> AllPlans()
    {
        var plans = new Plans(X);
        new CpSolver { StringParameters = "num_workers:1, enumerate_all_solutions:true" }.Solve(Model, plans);
        return plans.Seen;
    }

    /// <summary>Every plan of <paramref name="accounts"/> accounts over <paramref name="reps"/> reps, for comparing with the evaluator.</summary>
    public static IEnumerable<int[]> EveryPlan(int accounts, int reps) =>
        Enumerable.Range(0, (int)Math.Pow(reps, accounts)).Select(code =>
            Enumerable.Range(0, accounts).Select(a => code / (int)Math.Pow(reps, a) % reps).ToArray());

    private sealed class Plans(BoolVar[][] x) : CpSolverSolutionCallback
    {
        public List<int[]> Seen { get; } = [];

        public override void OnSolutionCallback() => Seen.Add(x.Select(row => Array.FindIndex(row, v => BooleanValue(v))).ToArray());
    }
}
