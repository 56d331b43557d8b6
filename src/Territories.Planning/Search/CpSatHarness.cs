using System.Globalization;
using Google.OrTools.Sat;

namespace Territories.Planning;

/// <summary>Search settings of one CP-SAT run.</summary>
/// <param name="DeterministicTime">When set, a reproducible limit in CP-SAT's deterministic time units (use with one worker).</param>
/// <param name="ImproveOnly">Every worker improves the hinted plan by large-neighbourhood search, none works on the whole
/// model (so nothing is proven): for a model hinted with a complete plan whose bound nobody reads.</param>
/// <param name="FirstSolutionWithin">When set, the run stops if it has found no solution within this time (wall clock): for
/// a model whose plan is only worth having soon, when another step would use the time better.</param>
internal sealed record SolveSettings(TimeSpan TimeLimit, int Workers, int Seed, double? DeterministicTime, bool ImproveOnly = false, TimeSpan? FirstSolutionWithin = null);

/// <summary>
/// The one way the engine runs CP-SAT, for every model it builds (accounts, units with contiguity, districts, medians):
/// workers, seed, the wall-clock limit and the deterministic one, a callback on each better solution, and cancellation.
/// </summary>
internal static class CpSatHarness
{
    /// <param name="time">The clock of <see cref="SolveSettings.FirstSolutionWithin"/> (the system's unless a test's).</param>
    public static CpSatSearch Run(CpModel model, SolveSettings settings, Action<CpSolverSolutionCallback>? onSolution, CancellationToken cancel, TimeProvider? time = null)
    {
        var solver = new CpSolver { StringParameters = Parameters(settings) };
        using var givenUp = new CancellationTokenSource(settings.FirstSolutionWithin ?? Timeout.InfiniteTimeSpan, time ?? TimeProvider.System);
        var callback = new SolutionCallback(solution =>
        {
            givenUp.CancelAfter(Timeout.InfiniteTimeSpan);
            onSolution?.Invoke(solution);
        });
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(cancel, givenUp.Token);
        using var solving = new CancellationTokenSource();
        CpSolverStatus status;
        using (stopped.Token.Register(() => StopUntilReturned(solver, solving.Token)))
        {
            status = stopped.IsCancellationRequested ? CpSolverStatus.Unknown : solver.Solve(model, callback);
            solving.Cancel();
        }
        return new CpSatSearch(solver, status, callback.Solutions);
    }

    /// <summary>
    /// Stops the search, again every <see cref="StopRetry"/> until the solve has returned: OR-Tools' CpSolver.StopSearch
    /// does nothing before Solve has created its stop flag, so a cancel that landed just before that was lost and the
    /// search ran to its time limit (the likely cause of a CI run in which a run of the sample book, cancelled about a
    /// second into its 600 s, went on for the 4 minutes the browser test waited). A token cancelled before the solve
    /// skips it.
    /// </summary>
    private static void StopUntilReturned(CpSolver solver, CancellationToken returned) =>
        _ = Task.Run(async () =>
        {
            while (!returned.IsCancellationRequested)
            {
                solver.StopSearch();
                await Task.Delay(StopRetry, CancellationToken.None);
            }
        }, CancellationToken.None);

    private static readonly TimeSpan StopRetry = TimeSpan.FromMilliseconds(50);

    /// <summary>The CP-SAT parameters of a run: workers, seed, the wall-clock limit and, when set, the deterministic one.</summary>
    public static string Parameters(SolveSettings settings)
    {
        var parts = new List<string>
        {
            $"num_workers:{settings.Workers}",
            $"random_seed:{settings.Seed}",
            string.Create(CultureInfo.InvariantCulture, $"max_time_in_seconds:{Math.Max(0.01, settings.TimeLimit.TotalSeconds):0.###}"),
        };
        if (settings.ImproveOnly) parts.Add("use_lns_only:true");
        if (settings.DeterministicTime is { } deterministic)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"max_deterministic_time:{deterministic:0.###}"));
        return string.Join(", ", parts);
    }

    private sealed class SolutionCallback(Action<CpSolverSolutionCallback> onSolution) : CpSolverSolutionCallback
    {
        public int Solutions { get; private set; }

        public override void OnSolutionCallback()
        {
            Solutions++;
            onSolution(this);
        }
    }
}

/// <summary>How a CP-SAT run ended, and the values of its best solution.</summary>
internal sealed class CpSatSearch(CpSolver solver, CpSolverStatus status, int solutions)
{
    public CpSolverStatus Status => status;

    /// <summary>How many improving solutions the search reported.</summary>
    public int Solutions => solutions;

    public bool HasSolution => status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;

    /// <summary>The proven bound on the model's objective, in the model's integer units; null without a solution.</summary>
    public double? Bound => HasSolution ? solver.BestObjectiveBound : null;

    /// <summary>A literal's value in the best solution.</summary>
    public bool Value(ILiteral literal) => solver.BooleanValue(literal);

    /// <summary>The assumptions that together make the model infeasible (after an infeasible run with assumptions).</summary>
    public IEnumerable<int> ConflictingAssumptions() => solver.SufficientAssumptionsForInfeasibility();
}
