using Territories.Domain.Model;

namespace Territories.Planning.AccountAssignment;

/// <summary>
/// The eligible reps of every account (skills, lock, pairsOnly), computed once. Accounts with the same required skills
/// and no lock share one array, so this stays small even at 50,000 accounts x 500 reps.
/// </summary>
internal sealed class EligibleReps
{
    private readonly int[][] _byAccount;

    public EligibleReps(TerritoryProblem problem)
    {
        var bySkills = new Dictionary<string, int[]>();
        _byAccount = new int[problem.Accounts.Count][];
        for (var a = 0; a < problem.Accounts.Count; a++)
        {
            var account = problem.Accounts[a];
            if (account.LockedRepId is not null || problem.Options.PairsOnly)
            {
                _byAccount[a] = Enumerable.Range(0, problem.Reps.Count).Where(r => problem.IsEligible(a, r)).ToArray();
                continue;
            }
            var key = string.Join('\u001f', account.RequiredSkills.Order(StringComparer.Ordinal));
            if (!bySkills.TryGetValue(key, out var reps))
            {
                reps = Enumerable.Range(0, problem.Reps.Count).Where(r => problem.Reps[r].HasSkills(account.RequiredSkills)).ToArray();
                bySkills[key] = reps;
            }
            _byAccount[a] = reps;
        }
    }

    public IReadOnlyList<int> Of(int account) => _byAccount[account];

    public int AccountCount => _byAccount.Length;
}
