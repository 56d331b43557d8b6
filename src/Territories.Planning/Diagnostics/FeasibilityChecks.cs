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
    private const int ListedSkillSets = 5;
    private List<List<int>>? _groups;

    public List<Diagnostic> Run()
    {
        var found = new List<Diagnostic>();
        found.AddRange(NoEligibleRep());
        if (found.Count > 0) return found; // the capacity checks below assume every account has a rep
        found.AddRange(LockedOverLimits());
        found.AddRange(Shortage(problem.LeastWorkloadOf, r => problem.Reps[r].Capacity, DiagnosticCodes.SkillCapacity, HaveOnly("hours")));
        if (problem.Reps.Any(r => r.MaxAccounts is not null))
            found.AddRange(Shortage(_ => 1, r => problem.Reps[r].MaxAccounts ?? double.PositiveInfinity, DiagnosticCodes.MaxAccountsTooFew, HaveOnly("accounts")));
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

    /// <summary>How a shortage of a plain limit (capacity hours, maxAccounts) reads: who needs how much, and what the reps have.</summary>
    private static ShortageWording HaveOnly(string unit) => (who, demand, reps, supply) =>
        $"{who} need at least {Hours(demand)} {unit}, but {reps} have only {Hours(supply)} {unit}";

    /// <summary>The sentence for a shortage: who (<see cref="WhoAre"/>), their demand, the reps able to serve them and their supply.</summary>
    private delegate string ShortageWording(string who, double demand, string reps, double supply);

    /// <summary>The flow check: accounts grouped by who may serve them; a shortage names the skills, accounts and reps.</summary>
    private IEnumerable<Diagnostic> Shortage(Func<int, double> demandOf, Func<int, double> supplyOf, string code, ShortageWording wording)
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
        var bound = shortage.Groups.SelectMany(g => groups[g]).Select(problem.MoveUnitOf).Where(u => u >= 0).Distinct().ToList();
        var why = bound.Count == 0 ? ""
            : $"; moveWithin level {problem.Options.MoveWithin} keeps them inside org unit(s) {Ids(bound.Select(u => problem.Org.Units[u].Id))}";
        var who = reps.Count == problem.Reps.Count ? $"all {accounts.Count} accounts" : WhoAre(accounts);
        var able = $"the {reps.Count} rep(s) able to serve them ({Ids(reps.Select(r => r.Value))})";
        yield return new Diagnostic(code, wording(who, shortage.Demand, able, shortage.Supply) + why, accounts.Select(a => a.Id).ToList(), reps, skills);
    }

    /// <summary>
    /// The accounts of a shortage that only some reps may serve, in user terms: how many, and why, by the skills they need
    /// (e.g. "95 accounts (62 needing enterprise; 13 needing enterprise and finance; 3 locked)"), the most common
    /// <see cref="ListedSkillSets"/> sets of skills named.
    /// </summary>
    private static string WhoAre(IReadOnlyList<Account> accounts)
    {
        var sets = accounts.Where(a => a.RequiredSkills.Count > 0)
            .GroupBy(a => string.Join(" and ", a.RequiredSkills.Order(StringComparer.Ordinal)))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (sets.Count == 0) return $"the {accounts.Count} accounts";
        var parts = sets.Take(ListedSkillSets).Select(g => $"{g.Count()} needing {g.Key}").ToList();
        if (sets.Count > ListedSkillSets) parts.Add($"{sets.Skip(ListedSkillSets).Sum(g => g.Count())} needing other skills");
        var unskilled = accounts.Where(a => a.RequiredSkills.Count == 0).ToList();
        if (unskilled.Count(a => a.LockedRepId is not null) is var locked and > 0) parts.Add($"{locked} locked");
        if (unskilled.Count(a => a.LockedRepId is null) is var other and > 0) parts.Add($"{other} other");
        return $"{accounts.Count} accounts ({string.Join("; ", parts)})";
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

    /// <summary>
    /// Bands no plan can meet, the simplest reason first: a rep whose eligible accounts cannot reach its lower side,
    /// accounts too big for every eligible rep's upper side, and only when neither, a group of accounts (say, those
    /// needing a skill few reps have) whose metric exceeds what the reps able to serve them may carry together within
    /// the band (a flow check, as for capacity: each account counts its metric wherever it goes).
    /// </summary>
    private IEnumerable<Diagnostic> Balance()
    {
        // A band that moves with the plan is left to the solver's conflict analysis.
        if (BalanceBand.For(problem) is not { FixedTotal: true } band) return [];
        var found = new List<Diagnostic>();
        var metric = band.Metric;
        var reachable = new double[problem.Reps.Count];
        for (var a = 0; a < problem.Accounts.Count; a++)
            foreach (var r in problem.EligibleRepsOf(a)) reachable[r] += problem.MetricOf(metric, a, r);
        for (var r = 0; r < problem.Reps.Count; r++)
        {
            var rep = problem.Reps[r];
            if (reachable[r] < band.Lower[r] * (1 - 1e-9))
                found.Add(new Diagnostic(DiagnosticCodes.BalanceImpossible, band.LowerUnreachable(rep.Id, band.Lower[r], reachable[r]), null, [rep.Id]));
        }
        var tooBig = Enumerable.Range(0, problem.Accounts.Count)
            .Where(a => problem.EligibleRepsOf(a).All(r => problem.MetricOf(metric, a, r) > band.Upper[r] * (1 + 1e-9))).ToList();
        if (tooBig.Count > 0)
            found.Add(new Diagnostic(DiagnosticCodes.BalanceImpossible,
                band.AccountsTooBig(tooBig.Count, Ids(tooBig.Select(a => problem.Accounts[a].Id.Value))), tooBig.Select(a => problem.Accounts[a].Id).ToList()));
        return found.Count > 0 ? found
            : Shortage(a => problem.MetricOf(metric, a, 0), r => band.Upper[r], DiagnosticCodes.BalanceImpossible, band.GroupOverUpper).ToList();
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
