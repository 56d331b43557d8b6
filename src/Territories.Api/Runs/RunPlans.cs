using Microsoft.Extensions.Caching.Memory;
using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Domain.Evaluation;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Storage;

namespace Territories.Api.Runs;

/// <summary>
/// Finished runs with their problem read and parsed, kept in memory for a while (a finished run never changes): the
/// rebalance workspace re-evaluates a hand edit on every move, and reading the whole problem each time would cost more
/// than the evaluation itself.
/// </summary>
public sealed class RunPlans(TerritoryStore store) : IDisposable
{
    /// <summary>How many runs are kept; the least recently used leave first.</summary>
    public const int Kept = 16;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Kept });

    /// <summary>The run with its problem and plan, or null when there is no such run.</summary>
    public async Task<LoadedRun?> GetAsync(string runId, CancellationToken cancel)
    {
        if (_cache.TryGetValue(runId, out LoadedRun? known)) return known;
        return await store.Runs.GetAsync(runId, cancel) is { } run ? Load(run) : null;
    }

    /// <summary>
    /// Reads a finished run into memory in the background, unless it is there already, and evaluates its plan once (the
    /// evaluator's first call in a process is its slowest): a page that has just fetched the run's problem is about to
    /// evaluate moves against it.
    /// </summary>
    public void Prepare(RunRecord run)
    {
        if (!run.IsFinal || run.Plan is null || _cache.TryGetValue(run.Id, out _)) return;
        _ = Task.Run(() =>
        {
            var loaded = Load(run);
            if (loaded.Plan is { } plan) PlanEvaluator.Evaluate(loaded.Problem, plan.Assignments);
        });
    }

    private LoadedRun Load(RunRecord run)
    {
        var loaded = new LoadedRun(run, TerritoryProblemReader.Read(run.Problem), RunResource.PlanOf(run));
        if (run.IsFinal) _cache.Set(run.Id, loaded, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return loaded;
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>A run, the problem it solved and its plan (null until it has one).</summary>
public sealed record LoadedRun(RunRecord Run, TerritoryProblem Problem, Plan? Plan)
{
    /// <summary>
    /// The plan's assignment with each move's account given to the move's rep; every account or rep the problem does not
    /// know, and every account moved twice, is reported with its path (<c>moves[2].repId</c>).
    /// </summary>
    public IReadOnlyList<Assignment> Apply(IReadOnlyList<(Assignment Move, string Path)> moves, List<InputError> errors)
    {
        var assignment = Plan!.Assignments.ToDictionary(a => a.AccountId, a => a.RepId);
        var seen = new HashSet<AccountId>();
        foreach (var (move, path) in moves)
        {
            var before = errors.Count;
            if (!Problem.HasAccount(move.AccountId)) errors.Add(new InputError($"{path}.accountId", $"names account \"{move.AccountId}\", which is not in run \"{Run.Id}\"'s problem"));
            else if (!seen.Add(move.AccountId)) errors.Add(new InputError($"{path}.accountId", $"moves account \"{move.AccountId}\" a second time"));
            if (!Problem.HasRep(move.RepId)) errors.Add(new InputError($"{path}.repId", $"names rep \"{move.RepId}\", which is not in run \"{Run.Id}\"'s problem"));
            if (errors.Count == before) assignment[move.AccountId] = move.RepId;
        }
        return assignment.Select(a => new Assignment(a.Key, a.Value)).ToList();
    }
}
