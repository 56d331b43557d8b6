using System.Globalization;
using Territories.Domain.Plans;

namespace Territories.Cli;

/// <summary>The short human summary written to standard error: status, objective, bound, gap, time, and a table per rep.</summary>
public static class PlanSummary
{
    public static void Write(Plan plan, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c,
            $"status {plan.Status.ToString().ToLowerInvariant()}  objective {Format(plan.Objective)}  bound {Format(plan.Bound)} ({plan.Solver.BoundSource ?? "none"})  gap {(plan.Gap is { } g ? g.ToString("P3", c) : "-")}  time {plan.SolveSeconds:0.0} s  first plan {(plan.FirstPlanSeconds is { } f ? f.ToString("0.0", c) + " s" : "-")}"));
        foreach (var diagnostic in plan.Diagnostics) writer.WriteLine($"{diagnostic.Code}: {diagnostic.Message}");
        if (plan.Kpis is not { } kpis) return;
        writer.WriteLine(string.Create(c,
            $"moved {kpis.MovedAccounts} accounts ({kpis.MovedRevenue:#,0} revenue)  workload max deviation {kpis.WorkloadMaxDeviation:P1}  travel {kpis.TotalTravelKm:#,0} km"));
        writer.WriteLine($"{"rep",-16} {"accounts",8} {"workload",10} {"capacity",10} {"util",6} {"travel km",11} {"in",5} {"out",5}");
        foreach (var rep in plan.Reps)
            writer.WriteLine(string.Create(c,
                $"{Truncate(rep.RepId.Value),-16} {rep.Accounts,8} {rep.Workload,10:0.#} {rep.Capacity,10:0.#} {rep.Utilization,6:P0} {rep.TravelKm,11:#,0} {rep.MovedIn,5} {rep.MovedOut,5}"));
    }

    private static string Format(decimal? value) => value is { } v ? Math.Round(v, 6).ToString(CultureInfo.InvariantCulture) : "-";

    private static string Truncate(string id) => id.Length <= 16 ? id : id[..15] + "…";
}
