using System.CommandLine;
using System.Globalization;
using Territories.Domain.Contracts;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;

namespace Territories.Cli;

/// <summary><c>territories relief QUOTAS.json --moves MOVES.json [--out RELIEVED.json]</c>: the quota plan after published moves.</summary>
public static class ReliefCommand
{
    public static Command Create(CliConsole console)
    {
        var quotasFile = CliOptions.File("QUOTAS.json", "The quota plan in force (written by territories quotas).");
        var moves = CliOptions.Path("--moves", "The published moves: accounts, old and new reps, effective days and shares.", required: true);
        var output = CliOptions.Out("the relieved quota plan");
        var command = new Command("relief", "Move the quota the moved accounts carried to their new reps from each move's day on.") { quotasFile, moves, output };
        command.SetAction(async (parse, cancel) =>
        {
            var plan = InputFile.Read(parse.GetValue(quotasFile)!, json => PlanReader.Read<QuotaPlan>(json, "a quota plan"));
            var moveList = InputFile.Read(parse.GetValue(moves)!, QuotaMovesReader.Read);
            var (relieved, relief) = Relieve(plan, moveList, parse.GetValue(moves)!);
            await Output.WriteAsync(parse.GetValue(output), console.Out, ContractSerializer.Write(new { plan = relieved, relief }), cancel);
            foreach (var entry in relief)
                console.Error.WriteLine($"{entry.AccountId}: {entry.FromRepId} -> {entry.ToRepId} from {entry.Effective:yyyy-MM-dd}, share {entry.Share.ToString("0.####", CultureInfo.InvariantCulture)}: {entry.Amount.ToString("0.00", CultureInfo.InvariantCulture)} moved");
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The plan relieved by the moves; a move from a rep without a quota is invalid input naming the moves file.</summary>
    public static (QuotaPlan Plan, IReadOnlyList<ReliefEntry> Relief) Relieve(QuotaPlan plan, IReadOnlyList<QuotaMove> moves, string movesFile)
    {
        try
        {
            return QuotaReliever.Apply(plan, moves);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException([new InputError($"{movesFile}: moves", e.Message)]);
        }
    }
}
