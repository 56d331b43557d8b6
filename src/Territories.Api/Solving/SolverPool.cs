using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Territories.Api.Hosting;

namespace Territories.Api.Solving;

/// <summary>
/// The solver's own threads. Every solve, synchronous or a stored run, runs on one of
/// <see cref="ServiceSettings.SolverWorkers"/> dedicated threads, never on a request thread or the thread pool, so a
/// busy solver cannot starve the requests. A caller first reserves a worker (<see cref="TryReserve"/> answers at once,
/// <see cref="ReserveAsync"/> waits its turn), then runs one solve on it; disposing the reservation frees the worker.
/// </summary>
public sealed class SolverPool : IDisposable
{
    private readonly SemaphoreSlim _free;
    private readonly BlockingCollection<Action> _work = new();
    private readonly ConcurrentDictionary<SolverReservation, DateTimeOffset> _deadlines = new();
    private readonly TimeProvider _time;

    public SolverPool(IOptions<ServiceSettings> options, TimeProvider time)
    {
        _time = time;
        Workers = Math.Max(1, options.Value.SolverWorkers);
        _free = new SemaphoreSlim(Workers, Workers);
        for (var i = 0; i < Workers; i++)
            new Thread(Work) { IsBackground = true, Name = $"solver-{i + 1}" }.Start();
    }

    public int Workers { get; }

    /// <summary>True when a worker is free right now (a cheap check before reading a request's body).</summary>
    public bool HasFreeWorker => _free.CurrentCount > 0;

    /// <summary>A free worker, or null at once when every worker is busy.</summary>
    public SolverReservation? TryReserve() => _free.Wait(0) ? new SolverReservation(this) : null;

    /// <summary>The next free worker; callers waiting here are served before any <see cref="TryReserve"/>.</summary>
    public async Task<SolverReservation> ReserveAsync(CancellationToken cancel)
    {
        await _free.WaitAsync(cancel);
        return new SolverReservation(this);
    }

    /// <summary>How long until the first busy worker should be free: the nearest time limit of the solves running, at least one second.</summary>
    public TimeSpan ExpectedWait()
    {
        var now = _time.GetUtcNow();
        var soonest = _deadlines.Values.DefaultIfEmpty(now).Min();
        return soonest - now > TimeSpan.FromSeconds(1) ? soonest - now : TimeSpan.FromSeconds(1);
    }

    internal Task<T> Run<T>(SolverReservation reservation, Func<T> solve, TimeSpan limit)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _deadlines[reservation] = _time.GetUtcNow() + limit;
        _work.Add(() =>
        {
            try
            {
                result.SetResult(solve());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
            finally
            {
                _deadlines.TryRemove(reservation, out _);
            }
        });
        return result.Task;
    }

    internal void Release(SolverReservation reservation)
    {
        _deadlines.TryRemove(reservation, out _);
        _free.Release();
    }

    private void Work()
    {
        SolverThreadPriority.Lower();
        foreach (var solve in _work.GetConsumingEnumerable()) solve();
    }

    public void Dispose() => _work.CompleteAdding();
}

/// <summary>
/// Lowers the calling thread's scheduling priority (Linux nice +10; the search threads CP-SAT starts from it inherit it),
/// so that while solves keep every core busy the request threads still get the processor when they need it. .NET's
/// <see cref="Thread.Priority"/> does nothing on Linux, hence the system call; elsewhere this is a no-op.
/// </summary>
internal static class SolverThreadPriority
{
    private const int Nice = 10;

    public static void Lower()
    {
        if (!OperatingSystem.IsLinux()) return;
        _ = SetPriority(0, GetThreadId(), Nice);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}

/// <summary>One reserved solver worker: runs one solve; disposing it frees the worker (after the solve, whatever its outcome).</summary>
public sealed class SolverReservation(SolverPool pool) : IDisposable
{
    private Task? _running;
    private int _released;

    /// <summary>Runs <paramref name="solve"/> on the reserved worker; <paramref name="limit"/> is its time limit (for <see cref="SolverPool.ExpectedWait"/>).</summary>
    public Task<T> Run<T>(Func<T> solve, TimeSpan limit)
    {
        if (_running is not null) throw new InvalidOperationException("a reservation runs one solve");
        var running = pool.Run(this, solve, limit);
        _running = running;
        return running;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1) return;
        if (_running is { IsCompleted: false } running) running.ContinueWith(_ => pool.Release(this), TaskScheduler.Default);
        else pool.Release(this);
    }
}
