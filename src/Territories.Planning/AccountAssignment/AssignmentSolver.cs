using Google.OrTools.Sat;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.Diagnostics;
using Territories.Planning.TerritoryDesign;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The assignment engine: pre-checks that explain infeasibility in user terms; candidate pruning on large problems
/// (each account's nearest eligible reps plus its current rep, widened when the pruned model is infeasible); a regret
/// greedy with repair for a first plan within seconds; the LP relaxation (GLOP, by column generation over every eligible
/// pair) for a proven bound and a rounded plan; then CP-SAT, hinted with the best plan, for the rest of the time.
/// </summary>
/// <param name="deterministicTime">When set, CP-SAT stops after this much deterministic time, so one-worker runs are reproducible.</param>
/// <param name="log">When set, receives one line per search phase (for the CLI's --verbose).</param>
public sealed class AssignmentSolver(TimeProvider? time = null, double? deterministicTime = null, TextWriter? log = null) : IAssignmentSolver
{
    /// <summary>Problems with more eligible pairs than this are first solved over each account's nearest reps.</summary>
    public const int PruneAbovePairs = 40_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<Plan> SolveAsync(TerritoryProblem problem, IProgress<PlanSnapshot>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Solve(problem, progress, cancellationToken), CancellationToken.None);

    /// <summary>Solves on the calling thread (for callers with their own solver threads); <see cref="SolveAsync"/> solves on the thread pool.</summary>
    public Plan Solve(TerritoryProblem problem, IProgress<PlanSnapshot>? progress, CancellationToken cancel)
    {
        var clock = new SolveClock(_time, problem.Options.TimeLimitSeconds);
        var notes = Notes.For(problem);
        Log(clock, $"notes ready ({problem.Accounts.Count} accounts, {problem.Reps.Count} reps)");
        var blocking = new FeasibilityChecks(problem).Run();
        Log(clock, $"pre-checks done: {blocking.Count} blocking");
        if (blocking.Count > 0) return PlanAssembler.Infeasible(clock, [.. blocking, .. notes]);
        if (problem.Options.Contiguity) return new TerritoryDesigner(problem, clock, Settings(problem, clock), progress, cancel).Solve(notes);

        var incumbent = new Incumbent(problem, clock, progress);
        foreach (var limit in CandidateLimits(problem))
        {
            var data = AssignmentData.Build(problem, limit);
            var attempt = new Attempt(data, incumbent, clock, Settings(problem, clock), log, cancel).Run();
            if (attempt.Status == CpSolverStatus.Infeasible && limit is not null && incumbent.Evaluation is null) continue;
            if (attempt.Status == CpSolverStatus.Infeasible && incumbent.Evaluation is null)
                return PlanAssembler.Infeasible(clock, [ConflictExplainer.Explain(data, cancel), .. notes]);
            if (limit is not null) notes.Add(Notes.Pruned(limit.Value));
            return PlanAssembler.FromIncumbent(incumbent, attempt, limit, clock, notes);
        }
        throw new InvalidOperationException("the unpruned attempt always returns");
    }

    private void Log(SolveClock clock, string message) => log?.WriteLine($"[{clock.ElapsedSeconds:0.00}s] {message}");

    private SolveSettings Settings(TerritoryProblem problem, SolveClock clock) =>
        new(clock.Remaining, problem.Options.Workers, problem.Options.Seed, deterministicTime);

    /// <summary>
    /// Without geography, problems up to this many eligible pairs are never pruned. There "nearest" means cheapest, and
    /// in a generalised assignment problem the cheapest reps are often the ones an account costs most capacity (Yagiura's
    /// type D ties them inversely): on d801600 (128,000 pairs) the 8, 16 and 32 cheapest reps per job held no plan and the
    /// first plan came at 31 s, 1.10% above the bound at 60 s; unpruned, the first plan came at 4.2 s and the gap was
    /// 0.50% (same machine, same window, load average ~15).
    /// </summary>
    public const int UnprunedWithoutGeographyUpTo = 250_000;

    /// <summary>k, 2k, 4k nearest reps, then every eligible rep; only every eligible rep when the problem is small.</summary>
    private static IEnumerable<int?> CandidateLimits(TerritoryProblem problem)
    {
        var k = problem.Options.CandidateReps;
        var accounts = Enumerable.Range(0, problem.Accounts.Count);
        var pairs = accounts.Sum(a => (long)problem.EligibleRepsOf(a).Count);
        var widest = accounts.Select(a => problem.EligibleRepsOf(a).Count).DefaultIfEmpty(0).Max();
        var small = pairs <= PruneAbovePairs || !problem.HasGeography && pairs <= UnprunedWithoutGeographyUpTo;
        if (k > 0 && !small)
        {
            for (var limit = k; limit < widest; limit *= 2) yield return limit;
        }
        yield return null;
    }
}
