using Territories.Domain.Model;
using Territories.Domain.Quotas;
using Territories.Planning.Quotas;

namespace Territories.Planning.Tests.Quotas;

/// <summary>The in-year re-spread on a (relieved) quota plan in force: closed months show the credited sales, the rest is spread exactly.</summary>
public class PlanRespreadTests
{
    private static QuotaPlan Plan() => QuotaPlanner.Plan(new QuotaRequest(1_200_000m, "USD", new DateOnly(2027, 1, 1), CalendarKind.FourFourFive, DayOfWeek.Monday,
        WorkingTime.MondayToFriday, new Seasonality([7, 7, 9, 8, 8, 9, 7, 7, 9, 9, 9, 11]),
        [new QuotaRep(new RepId("ann"), 600_000m, null, null, null), new QuotaRep(new RepId("bob"), 400_000m, null, null, null)], QuotaMethod.Default, [], 100m, []));

    [Fact]
    public void ClosedMonths_ShowWhatWasCredited_TheRestOfTheYearCarriesWhatIsLeft_InTheShapeOfThePlan()
    {
        var relieved = QuotaReliever.Apply(Plan(), [new QuotaMove("acme", new RepId("ann"), new RepId("bob"), new DateOnly(2027, 2, 1), 0.25)]).Plan;
        var weeks = relieved.Periods.Where(p => p.Kind == "week" && p.Month is "2027-M01" or "2027-M02").ToList();
        var sold = new Dictionary<(string, string), decimal>
        {
            [("ann", "2027-M01")] = 30_000m, [("ann", "2027-M02")] = 10_000m, [("bob", "2027-M01")] = 55_000m,
            [("ann", weeks[0].Id)] = 30_000m, [("ann", weeks[5].Id)] = 10_000m, [("bob", weeks[1].Id)] = 55_000m,
        };

        var respread = PlanRespread.Apply(relieved, "2027-M02", sold, 100m);

        var ann = respread.Reps.Single(r => r.RepId.Value == "ann");
        var annBefore = relieved.Reps.Single(r => r.RepId.Value == "ann");
        Assert.Equal([30_000m, 10_000m], ann.Months.Take(2).Select(m => m.Amount));
        Assert.Equal(annBefore.Annual - 40_000m, ann.Remaining);
        Assert.Equal(annBefore.Annual, ann.Annual); // what was sold plus what is left
        Assert.Equal(ann.Annual, ann.Weeks.Sum(w => w.Amount));
        foreach (var month in ann.Months) Assert.Equal(month.Amount, ann.Weeks.Where(w => respread.Periods.Single(p => p.Id == w.Period).Month == month.Period).Sum(w => w.Amount));
        Assert.Equal(ann.Annual, ann.Quarters.Sum(q => q.Amount));
        // The open months keep the relieved plan's shape: March to December in proportion to the plan's amounts there.
        var open = annBefore.Months.Skip(2).ToList();
        var scale = (double)(ann.Remaining!.Value / open.Sum(m => m.Amount));
        foreach (var (month, i) in open.Select((m, i) => (m, i)))
            Assert.InRange((double)ann.Months[i + 2].Amount, (double)month.Amount * scale - 100, (double)month.Amount * scale + 100);
        // bob sold far above January's quota: what is left of his year is smaller, never negative.
        var bob = respread.Reps.Single(r => r.RepId.Value == "bob");
        Assert.Equal(55_000m, bob.Months[0].Amount);
        Assert.Equal(0, bob.Months[1].Amount);
        Assert.All(bob.Months, m => Assert.True(m.Amount >= 0));
    }

    [Fact]
    public void SoldMoreThanTheYear_ItsOpenMonthsGetNothing_AndADiagnosticSaysSo()
    {
        var plan = Plan();
        var sold = new Dictionary<(string, string), decimal> { [("bob", "2027-M01")] = 2_000_000m };

        var respread = PlanRespread.Apply(plan, "2027-M01", sold, 100m);

        var bob = respread.Reps.Single(r => r.RepId.Value == "bob");
        Assert.All(bob.Months.Skip(1), m => Assert.Equal(0, m.Amount));
        Assert.Contains(respread.Diagnostics, d => d.Code == QuotaDiagnosticCodes.AlreadyAboveTarget && d.RepIds!.Contains(new RepId("bob")));
        Assert.Throws<ArgumentException>(() => PlanRespread.Apply(plan, "2027-M13", sold, 100m));
    }
}
