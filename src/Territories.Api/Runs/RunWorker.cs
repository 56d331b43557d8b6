using System.Data.Common;
using Microsoft.Extensions.Options;
using Territories.Api.Hosting;
using Territories.Api.Solving;
using Territories.Storage;

namespace Territories.Api.Runs;

/// <summary>
/// Solves stored runs: claims the oldest queued run whenever one of <see cref="ServiceSettings.MaxConcurrentRuns"/>
/// slots and a solver worker are free, and hands both to a <see cref="RunExecution"/>. On a single-host store (SQLite) it first re-queues the
/// runs a previous process left running, so a killed service resumes them at start-up.
/// </summary>
public sealed class RunWorker(TerritoryStore store, RunExecution execution, RunSignal signal, SolverPool solvers, IOptions<ServiceSettings> options,
    ILogger<RunWorker> log)
    : BackgroundService
{
    private readonly ServiceSettings _settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (store.Database.IsSingleHost && await store.Runs.RequeueInterruptedAsync(stopping) is > 0 and var requeued)
            log.LogInformation("Re-queued {Count} run(s) interrupted by the previous shutdown", requeued);
        using var slots = new SemaphoreSlim(_settings.MaxConcurrentRuns);
        var running = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await slots.WaitAsync(stopping);
                var run = await AnyClaimableAsync(stopping) ? await TryClaimWithWorkerAsync(stopping) : null;
                if (run is null)
                {
                    slots.Release();
                    await signal.WaitAsync(_settings.Poll, stopping);
                    continue;
                }
                running.RemoveAll(t => t.IsCompleted);
                running.Add(ExecuteAndReleaseAsync(run.Value.Run, run.Value.Worker, slots, stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the running executions release their runs back to the queue.
        }
        await Task.WhenAll(running);
    }

    /// <summary>Whether a run waits; only then does the worker take a solver worker from the synchronous solves (which are refused while none is free).</summary>
    private async Task<bool> AnyClaimableAsync(CancellationToken stopping)
    {
        try
        {
            return await store.Runs.AnyClaimableAsync(stopping);
        }
        catch (DbException e)
        {
            log.LogWarning(e, "Could not look for runs in the store; trying again at the next poll");
            return false;
        }
    }

    /// <summary>Waits for a free solver worker, then claims the oldest run; null (and the worker freed) when another instance was quicker.</summary>
    private async Task<(RunRecord Run, SolverReservation Worker)?> TryClaimWithWorkerAsync(CancellationToken stopping)
    {
        var worker = await solvers.ReserveAsync(stopping);
        try
        {
            if (await store.Runs.ClaimNextAsync(_settings.InstanceId, _settings.Lease, stopping) is { } run) return (run, worker);
        }
        catch (DbException e)
        {
            log.LogWarning(e, "Could not claim a run from the store; trying again at the next poll");
        }
        worker.Dispose();
        return null;
    }

    private async Task ExecuteAndReleaseAsync(RunRecord run, SolverReservation worker, SemaphoreSlim slots, CancellationToken stopping)
    {
        try
        {
            await Task.Run(() => execution.ExecuteAsync(run, worker, stopping), CancellationToken.None);
        }
        catch (DbException e)
        {
            // The result could not be stored; the run stays claimed until its lease lapses, then it is solved again.
            log.LogError(e, "Run {Run}: the store failed while finishing; the run will be taken up again when its lease lapses", run.Id);
        }
        finally
        {
            worker.Dispose();
            slots.Release();
        }
    }
}
