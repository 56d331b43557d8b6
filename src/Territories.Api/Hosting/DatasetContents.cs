using Territories.Api.Resources;
using Territories.Domain.Contracts;
using Territories.Domain.Model;
using Territories.Storage;

namespace Territories.Api.Hosting;

/// <summary>A validated territory problem as a dataset's stored content: the contract JSON the writer makes (compact), its counts, its overview, and its accounts one by one.</summary>
public static class DatasetContents
{
    public const string UntitledName = "untitled dataset";

    public static DatasetContent Of(TerritoryProblem problem) =>
        new(problem.Name ?? UntitledName, problem.Reps.Count, problem.Units.Count, TerritoryProblemWriter.WriteCompact(problem),
            problem.Accounts.Select(a => new DatasetAccount(a.CurrentRepId?.Value, a.Segment, a.Tier, TerritoryProblemWriter.WriteAccount(a))).ToList())
        {
            Overview = DatasetFigures.Of(problem).ToJson(),
        };
}
