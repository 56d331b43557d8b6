using Google.OrTools.Sat;
using Territories.Domain.Plans;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using LP = Google.OrTools.LinearSolver;

namespace Territories.Planning.Rules;

/// <summary>
/// The hard rule <c>maxMovedShare</c>: at most floor(share x accounts with a current rep in the problem) accounts change
/// rep. The one place for the limit, its CP-SAT and LP encodings (account model, unit model, LP relaxation), the check
/// the construction makes and the words the diagnostics use.
/// </summary>
internal sealed class MoveCap
{
    private MoveCap(double? share, int limit)
    {
        Share = share;
        Limit = limit;
    }

    public static MoveCap For(TerritoryProblem problem)
    {
        if (problem.Options.MaxMovedShare is not { } share) return new MoveCap(null, int.MaxValue);
        var withCurrent = Enumerable.Range(0, problem.Accounts.Count).Count(a => problem.CurrentRepIndexOf(a) >= 0);
        return new MoveCap(share, RuleLimits.MovedLimit(share, withCurrent));
    }

    public double? Share { get; }

    /// <summary>The most accounts that may move; int.MaxValue without a cap.</summary>
    public int Limit { get; }

    public bool Binds => Limit != int.MaxValue;

    /// <summary>CP-SAT: the moves the model decides (a unit's weighted by the accounts it moves) plus <paramref name="fixedMoves"/>.</summary>
    public Constraint Add(CpModel model, LinearExpr moves, long fixedMoves) => model.Add(moves <= Limit - fixedMoves);

    /// <summary>LP: the row (null without a cap), to which the caller adds every pair that counts as a move.</summary>
    public LP.Constraint? AddTo(LP.Solver solver) => Binds ? solver.MakeConstraint(double.NegativeInfinity, Limit) : null;

    /// <summary>Construction: true when this many moves are allowed.</summary>
    public bool Allows(int moved) => moved <= Limit;

    /// <summary>Construction: how many moves over the cap (0 when within).</summary>
    public int Excess(int moved) => Math.Max(0, moved - Limit);

    /// <summary>The rule in user terms (conflict diagnostics).</summary>
    public string Describe() => $"maxMovedShare of {UserText.Percent(Share ?? 0)} ({Limit} moves)";

    /// <summary>Why no plan can stay within the cap: the moves no plan avoids, each reason in words.</summary>
    public string TooTight(IEnumerable<string> unavoidable) =>
        $"maxMovedShare {UserText.Percent(Share ?? 0)} allows {Limit} move(s), but {string.Join("; ", unavoidable)}";
}
