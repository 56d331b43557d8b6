using Territories.Domain.Model;

namespace Territories.Domain.Evaluation;

/// <summary>Per-rep sums of an assignment, and the balance figures derived from them.</summary>
internal sealed class RepTally
{
    private RepTally(int reps)
    {
        Accounts = new int[reps];
        Workload = new double[reps];
        Potential = new decimal[reps];
        Revenue = new decimal[reps];
        TravelKm = new double[reps];
        WeightedTravel = new double[reps];
        Metric = new double[reps];
        FairShare = new double[reps];
        WorkloadFairShare = new double[reps];
        MovedIn = new int[reps];
        MovedOut = new int[reps];
    }

    public int[] Accounts { get; }
    public double[] Workload { get; }
    public decimal[] Potential { get; }
    public decimal[] Revenue { get; }
    public double[] TravelKm { get; }
    public double[] WeightedTravel { get; }
    /// <summary>The balance metric of the problem's options.</summary>
    public double[] Metric { get; }
    public double[] FairShare { get; }
    public double[] WorkloadFairShare { get; }
    public int[] MovedIn { get; }
    public int[] MovedOut { get; }
    /// <summary>Revenue (or count) of accounts moved away from a current rep in the problem.</summary>
    public double MovedWeight { get; private set; }

    public static RepTally Of(TerritoryProblem problem, IReadOnlyList<int> repOf)
    {
        var tally = new RepTally(problem.Reps.Count);
        var metric = problem.Options.Balance.Metric;
        for (var a = 0; a < repOf.Count; a++)
        {
            var current = problem.CurrentRepIndexOf(a);
            var r = repOf[a];
            if (r < 0)
            {
                if (current >= 0) tally.MovedOut[current]++;
                continue;
            }
            var account = problem.Accounts[a];
            var workload = problem.WorkloadOf(a, r);
            var km = problem.DistanceKm(a, r);
            tally.Accounts[r]++;
            tally.Workload[r] += workload;
            tally.Potential[r] += account.Potential;
            tally.Revenue[r] += account.Revenue;
            tally.TravelKm[r] += km;
            tally.WeightedTravel[r] += km * workload;
            tally.Metric[r] += problem.MetricOf(metric, a, r);
            if (current >= 0 && current != r)
            {
                tally.MovedIn[r]++;
                tally.MovedOut[current]++;
                tally.MovedWeight += ObjectiveScales.MoveWeight(problem, a);
            }
        }
        var fractions = problem.FairShareFractions();
        var metricTotal = tally.Metric.Sum();
        var workloadTotal = tally.Workload.Sum();
        for (var r = 0; r < fractions.Length; r++)
        {
            tally.FairShare[r] = metricTotal * fractions[r];
            tally.WorkloadFairShare[r] = workloadTotal * fractions[r];
        }
        return tally;
    }

    /// <summary>Signed (metric - fair share) / fair share; 0 for a rep whose fair share is 0.</summary>
    public double Deviation(int rep) => RelativeDeviation(Metric[rep], FairShare[rep]);

    /// <summary>The balance term: the largest |deviation| over reps with a fair share.</summary>
    public double MaxDeviation() => Enumerable.Range(0, Metric.Length).Select(r => Math.Abs(Deviation(r))).DefaultIfEmpty(0).Max();

    public double WorkloadMaxDeviation() =>
        Enumerable.Range(0, Workload.Length).Select(r => Math.Abs(RelativeDeviation(Workload[r], WorkloadFairShare[r]))).DefaultIfEmpty(0).Max();

    private static double RelativeDeviation(double value, double share) => share > 0 ? (value - share) / share : 0;
}
