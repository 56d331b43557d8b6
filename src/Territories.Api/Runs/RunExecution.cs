using System.Data.Common;
using Microsoft.Extensions.Options;
using Territories.Api.Hosting;
using Territories.Api.Solving;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.AccountAssignment;
using Territories.Storage;

namespace Territories.Api.Runs;

/// <summary>
/// Solves one claimed run. While the solver searches, a heartbeat stores the latest progress and renews the lease each
/// <see cref="ServiceSettings.HeartbeatSeconds"/>; a cancel request stops the search and keeps the best plan; a lost
/// lease (another instance took the run over) stops it without writing; a shutdown puts the run back in the queue.
/// </summary>
public sealed class RunExecution(TerritoryStore store, IOptions<ServiceSettings> options, TimeProvider time, ILogger<RunExecution> log)
{
    private readonly ServiceSettings _settings = options.Value;

    /// <summary>Solves <paramref name="run"/> on the reserved <paramref name="worker"/>.</summary>
    public async Task ExecuteAsync(RunRecord run, SolverReservation worker, CancellationToken stopping)
    {
        var owner = _settings.InstanceId;
        TerritoryProblem problem;
        try
        {
            problem = TerritoryProblemReader.Read(run.Problem);
        }
        catch (InvalidInputException e)
        {
            await store.Runs.FinishAsync(run.Id, owner, RunState.Failed, run.Progress, null, $"the stored problem is invalid: {string.Join("; ", e.Errors)}");
            return;
        }
        problem = problem.WithOptions(problem.Options with { TimeLimitSeconds = Math.Min(problem.Options.TimeLimitSeconds, _settings.MaxRunSeconds) });
        var latest = new LatestSnapshot();
        using var search = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var solving = worker.Run(() => new AssignmentSolver(time).Solve(problem, latest, search.Token), TimeSpan.FromSeconds(problem.Options.TimeLimitSeconds));
        var started = time.GetTimestamp();
        var (cancelled, lost) = (false, false);
        while (!solving.IsCompleted)
        {
            await Task.WhenAny(solving, Task.Delay(_settings.Heartbeat, time, CancellationToken.None));
            if (solving.IsCompleted) break;
            bool? renewed;
            try
            {
                renewed = await store.Runs.RenewAsync(run.Id, owner, _settings.Lease, latest.Progress(time.GetElapsedTime(started).TotalSeconds));
            }
            catch (DbException e)
            {
                // The store is out of reach for now: keep searching; if the lease lapses meanwhile, the next renewal says so.
                log.LogWarning(e, "Run {Run}: could not store progress; retrying at the next heartbeat", run.Id);
                continue;
            }
            if (renewed is null && !lost)
            {
                lost = true;
                log.LogWarning("Run {Run}: the lease passed to another instance; stopping without writing", run.Id);
                await search.CancelAsync();
            }
            else if (renewed == true && !cancelled)
            {
                cancelled = true;
                await search.CancelAsync();
            }
        }
        await FinishAsync(run, owner, solving, cancelled, lost, stopping);
    }

    private async Task FinishAsync(RunRecord run, string owner, Task<Plan> solving, bool cancelled, bool lost, CancellationToken stopping)
    {
        if (lost) return;
        Plan plan;
        try
        {
            plan = await solving;
        }
        catch (InvalidInputException e)
        {
            await store.Runs.FinishAsync(run.Id, owner, RunState.Failed, run.Progress, null, string.Join("; ", e.Errors));
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Run {Run}: the solver stopped unexpectedly", run.Id);
            await store.Runs.FinishAsync(run.Id, owner, RunState.Failed, run.Progress, null, $"the solver stopped unexpectedly ({e.GetType().Name}); see the service log");
            return;
        }
        if (stopping.IsCancellationRequested && !cancelled)
        {
            await store.Runs.ReleaseAsync(run.Id, owner);
            log.LogInformation("Run {Run}: shutting down, back in the queue", run.Id);
            return;
        }
        var progress = new RunProgress((double?)plan.Objective, (double?)plan.Bound, plan.Gap, plan.SolveSeconds, plan.Solver.Solutions);
        await store.Runs.FinishAsync(run.Id, owner, cancelled ? RunState.Cancelled : RunState.Completed, progress, ContractSerializer.Write(plan), null);
    }

    /// <summary>Keeps the solver's latest snapshot for the next heartbeat.</summary>
    private sealed class LatestSnapshot : IProgress<PlanSnapshot>
    {
        private PlanSnapshot? _latest;

        public void Report(PlanSnapshot value) => Volatile.Write(ref _latest, value);

        public RunProgress Progress(double elapsedSeconds)
        {
            var s = Volatile.Read(ref _latest);
            return s is null
                ? new RunProgress(null, null, null, elapsedSeconds, 0)
                : new RunProgress((double)s.Objective, (double?)s.Bound, Plan.GapOf(s.Objective, s.Bound), elapsedSeconds, s.Solutions);
        }
    }
}
