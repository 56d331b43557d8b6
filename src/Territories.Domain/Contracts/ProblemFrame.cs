using Territories.Domain.Model;
using Territories.Domain.Organisation;
using Territories.Domain.Visits;

namespace Territories.Domain.Contracts;

/// <summary>
/// A territory problem's parts other than its accounts (name, reps, units, pairs, organisation, options, visit policy),
/// read and checked, with the checks each account then goes through as it is read: what lets a dataset's accounts be
/// read, checked and written one at a time.
/// </summary>
public sealed class ProblemFrame
{
    private readonly ReferenceChecks _checks;

    internal ProblemFrame(string? name, IReadOnlyList<Rep> reps, IReadOnlyList<Unit> units, IReadOnlyList<Pair> pairs, IReadOnlyList<OrgUnit> orgUnits,
        SolveOptions options, VisitPolicy? policy, List<InputError> errors)
    {
        (Name, Reps, Units, GivenPairs, OrgUnits, Options, Policy) = (name, reps, units, pairs, orgUnits, options, policy);
        _checks = new ReferenceChecks(reps, units, pairs, options, errors, policy);
    }

    public string? Name { get; }
    public IReadOnlyList<Rep> Reps { get; }
    public IReadOnlyList<Unit> Units { get; }

    /// <summary>The pairs as given (with a visit policy, <see cref="PairsFor"/> adds the visits' workloads).</summary>
    public IReadOnlyList<Pair> GivenPairs { get; }

    public IReadOnlyList<OrgUnit> OrgUnits { get; }
    public SolveOptions Options { get; }
    public VisitPolicy? Policy { get; }

    /// <summary>True when the problem's pairs are made from every account (a visit policy): the accounts must then be kept until the end.</summary>
    public bool PairsNeedAccounts => Policy is not null;

    internal void CheckFrame() => _checks.Frame();

    /// <summary>The checks of one account that has valid fields: its id unique so far, its references, the fields the options require.</summary>
    public void Check(int index, Account account) => _checks.Account(index, account);

    /// <summary>The checks that need every account's id (pairs naming accounts), after the last account.</summary>
    public void Finish() => _checks.Finish();

    /// <summary>The problem's pairs: as given, or with a visit policy, every allowed (account, rep) pair with the visits' workload.</summary>
    public IReadOnlyList<Pair> PairsFor(IReadOnlyList<Account> accounts) =>
        Policy is null ? GivenPairs : VisitWorkload.Pairs(Reps, accounts, GivenPairs, Options, Policy);

    public TerritoryProblem Problem(IReadOnlyList<Account> accounts) =>
        TerritoryProblem.Create(Reps, accounts, Options, PairsFor(accounts), Units, Name, OrgUnits);
}
