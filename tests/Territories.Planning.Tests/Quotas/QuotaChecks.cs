using Territories.Domain.Quotas;

namespace Territories.Planning.Tests.Quotas;

/// <summary>An independent check of a quota plan: every whole equals the sum of its parts, and amounts are multiples of the rounding unit.</summary>
internal static class QuotaChecks
{
    public static void AssertExact(QuotaPlan plan, decimal rounding)
    {
        var periods = plan.Periods.ToDictionary(p => p.Id);
        Assert.Equal(plan.Total, plan.Reps.Sum(r => r.Annual));
        Assert.True(plan.Total % rounding == 0 || plan.Reps.Count(r => r.Annual % rounding != 0) <= 1);
        foreach (var rep in plan.Reps)
        {
            Assert.Equal(rep.Annual, rep.Quarters.Sum(q => q.Amount));
            foreach (var quarter in rep.Quarters)
                Assert.Equal(quarter.Amount, rep.Months.Where(m => periods[m.Period].Quarter == quarter.Period).Sum(m => m.Amount));
            foreach (var month in rep.Months)
                Assert.Equal(month.Amount, rep.Weeks.Where(w => periods[w.Period].Month == month.Period).Sum(w => w.Amount));
            Assert.All(rep.Quarters.Concat(rep.Months).Concat(rep.Weeks), a => Assert.True(a.Amount >= 0, $"{rep.RepId} {a.Period} is negative"));
            if (rep.Annual % rounding == 0)
                Assert.All(rep.Quarters.Concat(rep.Months).Concat(rep.Weeks), a => Assert.Equal(0m, a.Amount % rounding));
        }
    }
}
