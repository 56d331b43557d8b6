using Google.OrTools.Sat;
using Territories.Domain.Plans;
using Territories.Domain.Model;
using Territories.Planning.AccountAssignment;
using LP = Google.OrTools.LinearSolver;

namespace Territories.Planning.Rules;

/// <summary>
/// The hard capacity rule (rule <c>capacity</c>): a rep's workload never exceeds its capacity in hours a year. The one
/// place for the bound, its CP-SAT and LP encodings (the account model, the unit model and the LP relaxation all encode
/// it through here), the check the construction makes and the words the diagnostics use.
/// </summary>
internal sealed class Capacity
{
    private readonly double[] _hours;

    private Capacity(double[] hours) => _hours = hours;

    public static Capacity For(TerritoryProblem problem) => new(problem.Reps.Select(r => r.Capacity).ToArray());

    /// <summary>The rep's capacity in hours a year.</summary>
    public double this[int rep] => _hours[rep];

    /// <summary>The rule in user terms (conflict diagnostics).</summary>
    public const string Description = "every rep's capacity";

    /// <summary>
    /// CP-SAT: the rep's decided load (in <paramref name="scale"/>'s integers, each pair's workload rounded up) plus
    /// <paramref name="fixedLoad"/> within the capacity rounded down, so a model plan always passes the evaluator.
    /// </summary>
    public Constraint Add(CpModel model, int rep, LinearExpr load, long fixedLoad, IntegerScale scale) =>
        model.Add(load <= scale.Down(_hours[rep]) - fixedLoad);

    /// <summary>LP: the rep's row, to which the caller adds each pair's workload.</summary>
    public LP.Constraint AddTo(LP.Solver solver, int rep) => solver.MakeConstraint(double.NegativeInfinity, _hours[rep]);

    /// <summary>Construction: true when the rep may carry this load.</summary>
    public bool Allows(int rep, double load) => load <= _hours[rep] + HeuristicSlack.Of(_hours[rep]);

    /// <summary>Construction: how far the load is over capacity, relative to the capacity (0 when within).</summary>
    public double Excess(int rep, double load) => Math.Max(0, load - _hours[rep] - HeuristicSlack.Of(_hours[rep])) / Math.Max(1, _hours[rep]);

    /// <summary>Pre-check: true when these hours (of accounts the rep must keep) exceed its capacity.</summary>
    public static bool Exceeds(Rep rep, double hours) => hours > rep.Capacity * (1 + 1e-9);

    /// <summary>Why a rep cannot hold its locked accounts.</summary>
    public static string LockedOverMessage(Rep rep, double lockedHours) =>
        $"rep {rep.Id} has {UserText.Number(lockedHours)} hours of locked accounts but only {UserText.Number(rep.Capacity)} hours of capacity; unlock some or raise the capacity";
}
