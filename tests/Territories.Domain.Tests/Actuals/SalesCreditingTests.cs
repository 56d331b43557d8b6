using Territories.Domain.Actuals;

namespace Territories.Domain.Tests.Actuals;

/// <summary>Crediting: every sale goes to the account's owner in the plan in force on the day of the sale, whoever logged it.</summary>
public class SalesCreditingTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EverySale_IsCreditedOnce_ToTheOwnerOnItsDay_AndTheSumsHold(int seed)
    {
        var random = new Random(seed);
        var reps = Enumerable.Range(0, random.Next(2, 6)).Select(i => $"r{i}").ToList();
        var accounts = Enumerable.Range(0, random.Next(3, 20)).Select(i => $"a{i}").ToList();
        var initial = accounts.ToDictionary(a => a, _ => reps[random.Next(reps.Count)]);
        var changes = Enumerable.Range(1, random.Next(0, 5)).SelectMany(seq =>
        {
            var day = new DateOnly(2027, 1, 1).AddDays(random.Next(0, 365));
            return accounts.Where(_ => random.NextDouble() < 0.4).Select(a => new OwnerChangeOn(a, day, reps[random.Next(reps.Count)], null, seq)).ToList();
        }).GroupBy(c => (c.AccountId, c.From)).Select(g => g.Last()).ToList(); // the store keeps one row per account and day: the later publication's
        var owners = new OwnerTimeline(initial.Select(p => (p.Key, (string?)p.Value)), changes);
        var log = Enumerable.Range(0, random.Next(1, 60)).Select(i => new StoredVisit($"v{i}",
            new LoggedVisit(new DateOnly(2027, 1, 1).AddDays(random.Next(0, 365)), accounts[random.Next(accounts.Count)], reps[random.Next(reps.Count)],
                random.Next(3) == 0 ? VisitOutcomes.Order : VisitOutcomes.Completed, random.Next(4) == 0 ? null : random.Next(1, 100_000) / 100m, null),
            "someone", DateTimeOffset.UnixEpoch)).ToList();

        var credited = SalesCrediting.Credit(log, owners);

        // The owner on a day, found independently: replay the changes of the account in day order, later publications last.
        string OwnerOn(string account, DateOnly day) => changes.Where(c => c.AccountId == account && c.From <= day)
            .OrderBy(c => c.From).ThenBy(c => c.Seq).Select(c => c.RepId).LastOrDefault() ?? initial[account];
        var sales = log.Where(v => v.Visit.Sale is > 0).ToList();
        Assert.Equal(sales.Select(s => s.Id), credited.Select(c => c.VisitId));
        foreach (var (sale, credit) in sales.Zip(credited))
        {
            Assert.Equal(OwnerOn(sale.Visit.AccountId, sale.Visit.Date), credit.CreditedTo);
            Assert.Equal(sale.Visit.RepId, credit.LoggedBy);
        }
        Assert.Equal(sales.Sum(s => s.Visit.Sale!.Value), credited.Sum(c => c.Amount));
        var months = Enumerable.Range(1, 12).Select(m => ($"2027-M{m:00}", new DateOnly(2027, m, 1), new DateOnly(2027, m, DateTime.DaysInMonth(2027, m)))).ToList();
        var perRep = SalesCrediting.PerRepAndPeriod(credited, months);
        Assert.Equal(sales.Sum(s => s.Visit.Sale!.Value), perRep.Values.Sum());
        foreach (var rep in reps)
            Assert.Equal(credited.Where(c => c.CreditedTo == rep).Sum(c => c.Amount), perRep.Where(p => p.Key.RepId == rep).Sum(p => p.Value));
    }

    [Fact]
    public void ASaleLoggedByTheOldRep_AfterTheMove_IsCreditedToTheNewOwner()
    {
        var owners = new OwnerTimeline([("acme", "ann")], [new OwnerChangeOn("acme", new DateOnly(2027, 7, 1), "bob", "ann", 1)]);
        StoredVisit Sale(string id, int month, int day) => new(id, new LoggedVisit(new DateOnly(2027, month, day), "acme", "ann", VisitOutcomes.Completed, 500m, null), null, DateTimeOffset.UnixEpoch);

        var credited = SalesCrediting.Credit([Sale("before", 6, 30), Sale("on", 7, 1), Sale("after", 8, 15)], owners);

        Assert.Equal(["ann", "bob", "bob"], credited.Select(c => c.CreditedTo));
    }
}
