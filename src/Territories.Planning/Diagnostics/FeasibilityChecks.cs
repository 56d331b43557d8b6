using System.Globalization;
using Territories.Domain.Model;
using Territories.Domain.Plans;
using Territories.Planning.Rules;

namespace Territories.Planning.Diagnostics;

/// <summary>
/// Checks run before solving that prove a request infeasible and say why in user terms: accounts no rep may take,
/// skill groups whose work exceeds what the reps able to serve them can give (a flow check across overlapping skills),
/// locked work over a rep's capacity, a move cap too tight to restore capacity, and balance bands no plan can meet.
/// </summary>
internal sealed class FeasibilityChecks(TerritoryProblem problem)
{
    private const int ListedIds = 20;
    private List<List<int>>? _groups;

    public List<Diagnostic> Run()
    {
        var found = new List<Diagnostic>();
        found.AddRange(NoEligibleRep());
        if (found.Count > 0) return found; // the capacity checks below assume every account has a rep
        found.AddRange(LockedOverLimits());
        found.AddRange(Shortage(problem.LeastWorkloadOf, r => problem.Reps[r].Capacity, "hours", DiagnosticCodes.SkillCapacity));
        if (problem.Reps.Any(r => r.MaxAccounts is not null))
            found.AddRange(Shortage(_ => 1, r => problem.Reps[r].MaxAccounts ?? double.PositiveInfinity, "accounts", DiagnosticCodes.MaxAccountsTooFew));
        found.AddRange(MovedShare());
        found.AddRange(Balance());
        return found;
    }

    private IEnumerable<Diagnostic> NoEligibleRep()
    {
        var stranded = Enumerable.Range(0, problem.Accounts.Count).Where(a => problem.EligibleRepsOf(a).Count == 0).ToList();
        foreach (var group in stranded.GroupBy(Reason))
        {
            var accounts = group.Select(a => problem.Accounts[a]).ToList();
            var skills = accounts.SelectMany(a => a.RequiredSkills).Distinct().Order(StringComparer.Ordinal).ToList();
            yield return new Diagnostic(DiagnosticCodes.NoEligibleRep,
                $"{accounts.Count} account(s) have no eligible rep: {group.Key} ({Ids(accounts.Select(a => a.Id.Value))})",
                accounts.Select(a => a.Id).ToList(), RepsNamedBy(accounts), skills);
        }
    }

    private string Reason(int a)
    {
        var account = problem.Accounts[a];
        if (account.LockedRepId is { } locked)
        {
            var rep = problem.Reps[problem.RepIndexOf(locked)];
            var missing = account.RequiredSkills.Where(s => !rep.Skills.Contains(s)).Order(StringComparer.Ordinal).ToList();
            return missing.Count > 0 ? $"locked to rep {locked}, who lacks skill(s) {string.Join(", ", missing)}"
                : $"locked to rep {locked}, but pairsOnly allows no pair with that rep";
        }
        var skilled = problem.Reps.Where(r => r.HasSkills(account.RequiredSkills)).ToList();
        if (skilled.Count == 0)
            return $"no rep has every skill of [{string.Join(", ", account.RequiredSkills.Order(StringComparer.Ordinal))}]";
        if (problem.MoveUnitOf(a) is var unit and >= 0 && !Enumerable.Range(0, problem.Reps.Count).Any(r =>
                problem.IsWithinMoveUnit(a, r) && problem.Reps[r].HasSkills(account.RequiredSkills)))
            return $"moveWithin level {problem.Options.MoveWithin} keeps it inside org unit {problem.Org.Units[unit].Id}, where no rep has every skill of [{string.Join(", ", account.RequiredSkills.Order(StringComparer.Ordinal))}]";
        return "pairsOnly is on and no pair with a rep who has the skills is given";
    }

    private IReadOnlyList<RepId>? RepsNamedBy(IEnumerable<Account> accounts)
    {
        var locked = accounts.Select(a => a.LockedRepId).OfType<RepId>().Distinct().ToList();
        return locked.Count > 0 ? locked : null;
    }

    private IEnumerable<Diagnostic> LockedOverLimits()
    {
        var locked = Enumerable.Range(0, problem.Accounts.Count).Where(a => problem.Accounts[a].LockedRepId is not null)
            .GroupBy(a => problem.RepIndexOf(problem.Accounts[a].LockedRepId!.Value));
        foreach (var group in locked)
        {
            var rep = problem.Reps[group.Key];
            var hours = group.Sum(a => problem.WorkloadOf(a, group.Key));
            var ids = group.Select(a => problem.Accounts[a].Id).ToList();
            if (Capacity.Exceeds(rep, hours))
                yield return new Diagnostic(DiagnosticCodes.LockedOverCapacity, Capacity.LockedOverMessage(rep, hours), ids, [rep.Id]);
            if (MaxAccounts.Exceeds(rep, ids.Count))
                yield return new Diagnostic(DiagnosticCodes.LockedOverMaxAccounts, MaxAccounts.LockedOverMessage(rep, ids.Count), ids, [rep.Id]);
        }
    }

    /// <summary>
    /// Accounts with the same eligible reps form one group (by content: pairs-only problems list each account's reps
    /// apart, and a GAP with one group per job made the flow take seconds where one group takes none). Accounts first
    /// go by list instance (accounts with the same skills share one), so only a few lists are compared by content:
    /// hashing every account's list of 200 reps took 0.1 s per check on a 20,000-account book.
    /// </summary>
    private List<List<int>> EligibilityGroups => _groups ??= Enumerable.Range(0, problem.Accounts.Count)
        .GroupBy(problem.EligibleRepsOf, ReferenceEqualityComparer.Instance)
        .GroupBy(g => problem.EligibleRepsOf(g.First()), SameReps.Instance)
        .Select(g => g.SelectMany(accounts => accounts).Order().ToList()).ToList();

    /// <summary>The flow check: accounts grouped by who may serve them; a shortage names the skills, accounts and reps.</summary>
    private IEnumerable<Diagnostic> Shortage(Func<int, double> demandOf, Func<int, double> supplyOf, string unit, string code)
    {
        var groups = EligibilityGroups;
        var shortage = BipartiteFlow.FindShortage(
            groups.Select(g => g.Sum(demandOf)).ToList(),
            groups.Select(g => problem.EligibleRepsOf(g[0])).ToList(),
            Enumerable.Range(0, problem.Reps.Count).Select(supplyOf).ToList());
        if (shortage is null) yield break;
        var accounts = shortage.Groups.SelectMany(g => groups[g]).Select(a => problem.Accounts[a]).ToList();
        var skills = accounts.SelectMany(a => a.RequiredSkills).Distinct().Order(StringComparer.Ordinal).ToList();
        var reps = shortage.Suppliers.Select(r => problem.Reps[r].Id).ToList();
        var who = skills.Count > 0 ? $"accounts needing skill(s) {string.Join(", ", skills)}" : "the accounts";
        var bound = shortage.Groups.SelectMany(g => groups[g]).Select(problem.MoveUnitOf).Where(u => u >= 0).Distinct().ToList();
        var why = bound.Count == 0 ? ""
            : $"; moveWithin level {problem.Options.MoveWithin} keeps them inside org unit(s) {Ids(bound.Select(u => problem.Org.Units[u].Id))}";
        yield return new Diagnostic(code,
            $"{who} ({accounts.Count}) need at least {Hours(shortage.Demand)} {unit}, but the {reps.Count} rep(s) able to serve them " +
            $"({Ids(reps.Select(r => r.Value))}) have only {Hours(shortage.Supply)} {unit}{why}",
            accounts.Select(a => a.Id).ToList(), reps, skills);
    }

    /// <summary>Moves that no plan can avoid (current rep no longer eligible, or over capacity) against the move cap.</summary>
    private IEnumerable<Diagnostic> MovedShare()
    {
        var cap = MoveCap.For(problem);
        if (!cap.Binds) yield break;
        var withCurrent = Enumerable.Range(0, problem.Accounts.Count).Where(a => problem.CurrentRepIndexOf(a) >= 0).ToList();
        var forced = withCurrent.Where(a => !problem.EligibleRepsOf(a).Contains(problem.CurrentRepIndexOf(a))).ToList();
        var overloadMoves = 0;
        var overloaded = new List<RepId>();
        foreach (var group in withCurrent.Except(forced).GroupBy(problem.CurrentRepIndexOf))
        {
            var rep = problem.Reps[group.Key];
            var workloads = group.Select(a => problem.WorkloadOf(a, group.Key)).OrderDescending().ToList();
            var load = workloads.Sum();
            var overCount = workloads.Count - (rep.MaxAccounts ?? int.MaxValue);
            var needed = 0;
            foreach (var w in workloads)
            {
                if (!Capacity.Exceeds(rep, load) && needed >= overCount) break;
                load -= w;
                needed++;
            }
            if (needed == 0) continue;
            overloadMoves += needed;
            overloaded.Add(rep.Id);
        }
        if (cap.Allows(forced.Count + overloadMoves)) yield break;
        var parts = new List<string>();
        if (forced.Count > 0) parts.Add($"{forced.Count} account(s) must leave a current rep who may no longer serve them (skills, lock or pairs)");
        if (overloadMoves > 0) parts.Add($"at least {overloadMoves} must leave rep(s) {Ids(overloaded.Select(r => r.Value))} to bring them within capacity");
        yield return new Diagnostic(DiagnosticCodes.MovedShareTooTight, cap.TooTight(parts),
            forced.Select(a => problem.Accounts[a].Id).ToList(), overloaded);
    }

    private IEnumerable<Diagnostic> Balance()
    {
        // A band that moves with the plan is left to the solver's conflict analysis.
        if (BalanceBand.For(problem) is not { FixedTotal: true } band) yield break;
        var metric = band.Metric;
        var reachable = new double[problem.Reps.Count];
        for (var a = 0; a < problem.Accounts.Count; a++)
            foreach (var r in problem.EligibleRepsOf(a)) reachable[r] += problem.MetricOf(metric, a, r);
        for (var r = 0; r < problem.Reps.Count; r++)
        {
            var rep = problem.Reps[r];
            if (reachable[r] < band.Lower[r] * (1 - 1e-9))
                yield return new Diagnostic(DiagnosticCodes.BalanceImpossible, band.LowerUnreachable(rep.Id, band.Lower[r], reachable[r]), null, [rep.Id]);
        }
        var tooBig = Enumerable.Range(0, problem.Accounts.Count)
            .Where(a => problem.EligibleRepsOf(a).All(r => problem.MetricOf(metric, a, r) > band.Upper[r] * (1 + 1e-9))).ToList();
        if (tooBig.Count > 0)
            yield return new Diagnostic(DiagnosticCodes.BalanceImpossible,
                band.AccountsTooBig(tooBig.Count, Ids(tooBig.Select(a => problem.Accounts[a].Id.Value))), tooBig.Select(a => problem.Accounts[a].Id).ToList());
    }

    private static string Hours(double value) => UserText.Number(value);

    private static string Ids(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        return string.Join(", ", list.Take(ListedIds)) + (list.Count > ListedIds ? $", … ({list.Count - ListedIds} more)" : "");
    }
}

/// <summary>Two lists of eligible reps are the same group when they hold the same reps in the same order.</summary>
internal sealed class SameReps : IEqualityComparer<IReadOnlyList<int>>
{
    public static SameReps Instance { get; } = new();

    public bool Equals(IReadOnlyList<int>? x, IReadOnlyList<int>? y) =>
        ReferenceEquals(x, y) || x is not null && y is not null && x.SequenceEqual(y);

    public int GetHashCode(IReadOnlyList<int> reps)
    {
        var hash = new HashCode();
        foreach (var r in reps) hash.Add(r);
        return hash.ToHashCode();
    }
}
