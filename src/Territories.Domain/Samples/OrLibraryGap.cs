using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Model;

namespace Territories.Domain.Samples;

/// <summary>
/// Reads a generalised assignment instance in OR-Library's single-instance format (<c>m n</c>, then the m x n costs,
/// the m x n resource uses, the m capacities) as a territory problem: agents are reps, jobs are accounts, every
/// (job, agent) pair is listed with its cost and workload, <c>pairsOnly</c> is on and only the cost is weighted, so the
/// plan's objective is exactly the instance's (minimisation) objective.
/// </summary>
public static class OrLibraryGap
{
    /// <summary>The agent and job counts of an instance (its first two numbers).</summary>
    public static (int Agents, int Jobs) Size(string text)
    {
        var numbers = text.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(numbers[0], CultureInfo.InvariantCulture), int.Parse(numbers[1], CultureInfo.InvariantCulture));
    }

    public static TerritoryProblem Read(string text, string name, double timeLimitSeconds = SolveOptions.DefaultTimeLimitSeconds)
    {
        var numbers = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        long Next(int at) => at < numbers.Length && long.TryParse(numbers[at], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new InvalidInputException([new InputError($"numbers[{at}]", at < numbers.Length ? $"\"{numbers[at]}\" is not a whole number" : "the file ends early")]);
        var (agents, jobs) = ((int)Next(0), (int)Next(1));
        if (agents <= 0 || jobs <= 0) throw new InvalidInputException([new InputError("numbers[0]", "agent and job counts must be positive")]);
        var expected = 2 + 2L * agents * jobs + agents;
        if (numbers.Length != expected)
            throw new InvalidInputException([new InputError("$", $"expected {expected} numbers for {agents} agents and {jobs} jobs, found {numbers.Length}")]);
        int Cost(int i, int j) => 2 + i * jobs + j;
        int Use(int i, int j) => 2 + agents * jobs + i * jobs + j;
        var reps = Enumerable.Range(0, agents).Select(i => new Rep(new RepId($"agent{i}"), null, null, new HashSet<string>(),
            Next(2 + 2 * agents * jobs + i), null, null)).ToList();
        var accounts = Enumerable.Range(0, jobs).Select(j => new Account(new AccountId($"job{j}"), null, null, null, null,
            new HashSet<string>(), null, 0, 0, null, null, null)).ToList();
        var pairs = new List<Pair>(agents * jobs);
        for (var i = 0; i < agents; i++)
            for (var j = 0; j < jobs; j++)
                pairs.Add(new Pair(accounts[j].Id, reps[i].Id, Next(Cost(i, j)), Next(Use(i, j))));
        var options = SolveOptions.Default with
        {
            Weights = new ObjectiveWeights(0, 0, 0, 1),
            WeightsGiven = true,
            PairsOnly = true,
            TimeLimitSeconds = timeLimitSeconds,
        };
        return TerritoryProblem.Create(reps, accounts, options, pairs, name: name);
    }
}
