namespace Territories.Planning.AccountAssignment;

/// <summary>
/// Subgradient ascent on the Lagrangian dual of the accounts' cover rows (Held, Wolfe and Crowder, Mathematical
/// Programming 6, 1974): at prices u every rep takes its best knapsack, L(u) is the bound, and g = 1 less the number of
/// reps taking each account is a subgradient; the prices move by λ (target − L(u)) / ‖g‖² along it (Polyak's step), λ
/// halved after <see cref="Patience"/> steps without a better bound, until λ falls below <see cref="SmallestStep"/> or
/// every account is taken exactly once (the knapsacks then form a plan whose objective is the bound: an optimum).
/// A step costs a knapsack per rep, far less than a solve of the master's LP, and the knapsacks the steps visit near the
/// dual optimum are the columns the master's solution is made of.
/// </summary>
internal static class SubgradientAscent
{
    /// <summary>
    /// The first λ, Held, Wolfe and Crowder's 2. With 0.1, 0.5 and 2 the roots reached the same bounds on e10200, c10200,
    /// d20200 and e20200 (`territories solve`, one run each), ending at 3.4, 3.9 and 2.4 s on e10200, 2.1, 2.0 and 0.9 s on
    /// c10200, 2.2, 1.8 and 1.6 s on d20200, 1.1, 1.0 and 1.3 s on e20200.
    /// </summary>
    private const double FirstStep = 2;

    private const int Patience = 10;

    private const double SmallestStep = 1e-3;

    /// <summary>
    /// The most steps, so the ascent ends even while each step raises the bound a little: on the 13 books the dives apply
    /// to that were measured (`territories solve`, 4 s) it took 98 (d20400) to 264 steps.
    /// </summary>
    private const int MostSteps = 1_000;

    /// <summary>
    /// Ascends from <paramref name="start"/>. <paramref name="lagrangian"/> gives the bound at some prices and how many
    /// reps' best knapsacks take each account; <paramref name="target"/> is the objective the steps aim at, at least the
    /// dual optimum (a known plan's); a target at or below the start's bound (no plan known) stops after the first step.
    /// Returns how many steps were taken; <paramref name="cancel"/> stops it between steps.
    /// </summary>
    public static int Ascend(double[] start, double target, Func<double[], (double Bound, int[] TimesTaken)> lagrangian, CancellationToken cancel)
    {
        var prices = (double[])start.Clone();
        var (best, stepSize, sinceBetter, steps) = (double.NegativeInfinity, FirstStep, 0, 0);
        while (stepSize >= SmallestStep && steps < MostSteps && !cancel.IsCancellationRequested)
        {
            steps++;
            var (bound, timesTaken) = lagrangian(prices);
            if (bound > best) (best, sinceBetter) = (bound, 0);
            else if (++sinceBetter == Patience) (stepSize, sinceBetter) = (stepSize / 2, 0);
            var direction = timesTaken.Select(times => 1.0 - times).ToArray();
            var norm = direction.Sum(d => d * d);
            if (norm == 0) break;
            var length = stepSize * Math.Max(target - bound, 0) / norm;
            if (length == 0) break;
            prices = prices.Select((price, a) => price + length * direction[a]).ToArray();
        }
        return steps;
    }
}
