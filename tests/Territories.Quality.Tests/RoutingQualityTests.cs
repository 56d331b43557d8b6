using System.Text.RegularExpressions;
using Territories.Planning.Routing;

namespace Territories.Quality.Tests;

/// <summary>
/// The routing part of the quality runner on tiny sets written here (not the published ones): it reads both formats,
/// routes with each method and re-checks every answer itself; its periodic check refuses a customer on days that are not
/// one of its combinations.
/// </summary>
public sealed class RoutingQualityTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"routing-quality-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string Set(string name, string instance, string file, string bestKnownRow)
    {
        var set = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.Combine(set, "instances"));
        File.WriteAllText(Path.Combine(set, "instances", file), instance);
        File.WriteAllText(Path.Combine(set, "best_known.csv"), $"instance,objective,distance_convention,vehicles,value,sense,status,source\n{bestKnownRow}\n");
        return set;
    }

    [Theory]
    [InlineData(RoutingQuality.Method.Sisr)]
    [InlineData(RoutingQuality.Method.OrTools)]
    public void Solomon_IsRoutedAndCheckedInTenths(RoutingQuality.Method method)
    {
        // Four customers on two axes; one route depot, (10,0), (20,0), (0,20), (0,10), depot is 68.2 in tenths (10+10+28.2+10+10).
        const string text = """
            T101

            VEHICLE
            NUMBER     CAPACITY
              2         100

            CUSTOMER
            CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

                0      0          0          0          0       1000          0
                1      10         0          5          0       1000          0
                2      20         0          5          0       1000          0
                3      0          10         5          0       1000          0
                4      0          20         5          0       1000          0
            """;
        var set = Set(RoutingQuality.Solomon, text, "T101.txt", "T101,distance,trunc1,1,68.2,min,optimal,written for this test");

        var result = Assert.Single(RoutingQuality.Run(set, new Regex("."), 0.2, method));

        Assert.Equal("ok", result.Check);
        Assert.InRange(result.Gap!.Value, 0, 0.2);
    }

    [Theory]
    [InlineData(RoutingQuality.Method.Sisr)]
    [InlineData(RoutingQuality.Method.DaysFirst)]
    public void Cordeau_EveryCustomerOnOneOfItsCombinations(RoutingQuality.Method method)
    {
        // Two days, one vehicle of capacity 15 a day: customer 2 comes both days, 4 on day 2, 1 and 3 on either day.
        const string text = """
            1 1 4 2
            0 15
            0 15
            0 0 0 0 0 0 0
            1 10 0 0 5 1 2 2 1
            2 20 0 0 5 2 1 3
            3 0 10 0 5 1 2 2 1
            4 0 20 0 5 1 1 1
            """;
        var set = Set(RoutingQuality.Cordeau, text, "q01", "q01,distance,real,,100,min,best-known,written for this test");

        var result = Assert.Single(RoutingQuality.Run(set, new Regex("."), 0.2, method));

        Assert.Equal("ok", result.Check);
        Assert.Equal(2, result.Routes);
    }

    [Fact]
    public void PeriodicCheck_RefusesACustomerOnDaysNotOfACombination_OrLeftOut()
    {
        var day = new RoutingInstance
        {
            Travel = [[0, 1, 1], [1, 0, 1], [1, 1, 0]], Service = [0, 0, 0], Windows = [[], [], []], HorizonEnd = 100, Vehicles = 2,
        };
        var instance = new PeriodicInstance { Days = [day, day], Combinations = [DayCombinations.None, new DayCombinations([[0, 1]]), new DayCombinations([[0], [1]])] };
        Route Visit(params int[] nodes) => new(0, 10, nodes.Select((n, i) => new RoutedStop(n, 1 + i)).ToList(), null);

        Assert.Equal("ok", RoutingQuality.CheckPeriodic(instance, new PeriodicResult([[Visit(1, 2)], [Visit(1)]], [], 0, 0)));
        Assert.Contains("not of a combination", RoutingQuality.CheckPeriodic(instance, new PeriodicResult([[Visit(1, 2)], [Visit(1, 2)]], [], 0, 0)));
        Assert.Contains("left out", RoutingQuality.CheckPeriodic(instance, new PeriodicResult([[Visit(2)], []], [1], 0, 0)));
    }
}
