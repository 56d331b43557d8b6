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
                var worker = await solvers.ReserveAsync(stopping);
                var run = await TryClaimAsync(stopping);
                if (run is null)
                {
                    worker.Dispose();
                    slots.Release();
                    await signal.WaitAsync(_settings.Poll, stopping);
                    continue;
                }
                running.RemoveAll(t => t.IsCompleted);
                running.Add(ExecuteAndReleaseAsync(run, worker, slots, stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the running executions release their runs back to the queue.
        }
        await Task.WhenAll(running);
    }

    private async Task<RunRecord?> TryClaimAsync(CancellationToken stopping)
    {
        try
        {
            return await store.Runs.ClaimNextAsync(_settings.InstanceId, _settings.Lease, stopping);
        }
        catch (DbException e)
        {
            log.LogWarning(e, "Could not claim a run from the store; trying again at the next poll");
            return null;
        }
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
