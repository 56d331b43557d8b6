using Google.OrTools.Sat;
using Territories.Domain.Model;
using LP = Google.OrTools.LinearSolver;

namespace Territories.Planning.Rules;

/// <summary>
/// The hard rule <c>maxAccounts</c>: a rep owns at most this many accounts. The one place for the bound, its CP-SAT and
/// LP encodings (account model, unit model, LP relaxation), the check the construction makes and the words the
/// diagnostics use.
/// </summary>
internal sealed class MaxAccounts
{
    private readonly int[] _most;

    private MaxAccounts(int[] most) => _most = most;

    public static MaxAccounts For(TerritoryProblem problem) => new(problem.Reps.Select(r => r.MaxAccounts ?? int.MaxValue).ToArray());

    /// <summary>The most accounts the rep may own; int.MaxValue when the rep has no limit.</summary>
    public int this[int rep] => _most[rep];

    /// <summary>True when the rep has a limit.</summary>
    public bool Binds(int rep) => _most[rep] != int.MaxValue;

    /// <summary>The rule in user terms (conflict diagnostics).</summary>
    public const string Description = "the reps' maxAccounts";

    /// <summary>CP-SAT: the rep's decided accounts, counted by <paramref name="count"/> (a unit counts its accounts), plus <paramref name="fixedCount"/>.</summary>
    public Constraint Add(CpModel model, int rep, LinearExpr count, long fixedCount) => model.Add(count <= _most[rep] - fixedCount);

    /// <summary>LP: the rep's row (null when the rep has no limit), to which the caller adds one per pair.</summary>
    public LP.Constraint? AddTo(LP.Solver solver, int rep) => Binds(rep) ? solver.MakeConstraint(double.NegativeInfinity, _most[rep]) : null;

    /// <summary>Construction: how many accounts over the limit the rep is (0 when within).</summary>
    public int Excess(int rep, int count) => Math.Max(0, count - _most[rep]);

    /// <summary>Pre-check: true when this many accounts (that the rep must keep) exceed its limit.</summary>
    public static bool Exceeds(Rep rep, int count) => rep.MaxAccounts is { } most && count > most;

    /// <summary>Why a rep cannot hold its locked accounts.</summary>
    public static string LockedOverMessage(Rep rep, int locked) =>
        $"rep {rep.Id} has {locked} locked accounts but may own at most {rep.MaxAccounts}";
}
