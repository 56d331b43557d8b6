using Territories.Domain.Model;

namespace Territories.Domain.Tests.Model;

public class GreatCircleTests
{
    [Fact]
    public void DistanceKm_OneDegreeOfLatitude_IsTheArcOnTheContractSphere()
    {
        var expected = 6371.0088 * Math.PI / 180;
        Assert.Equal(expected, GreatCircle.DistanceKm(new GeoPoint(0, 0), new GeoPoint(1, 0)), 9);
    }

    [Fact]
    public void DistanceKm_NewYorkToBoston_IsAbout306Km()
    {
        var km = GreatCircle.DistanceKm(new GeoPoint(40.7128, -74.0060), new GeoPoint(42.3601, -71.0589));
        Assert.InRange(km, 305, 307);
    }

    /// <summary>The arc over the chord is the haversine distance, for neighbours a few metres apart and for far points.</summary>
    [Theory]
    [InlineData(29.7604, -95.3698, 29.76041, -95.36981)]
    [InlineData(29.7604, -95.3698, 32.7767, -96.7970)]
    [InlineData(64.2008, -149.4937, -33.8688, 151.2093)]
    [InlineData(0, 0, 0, 180)]
    public void DistanceKm_AnyTwoPoints_EqualsTheHaversineFormula(double lat1, double lon1, double lat2, double lon2)
    {
        var (a, b) = (new GeoPoint(lat1, lon1), new GeoPoint(lat2, lon2));
        var radians = Math.PI / 180;
        var h = Math.Pow(Math.Sin((lat2 - lat1) * radians / 2), 2)
              + Math.Cos(lat1 * radians) * Math.Cos(lat2 * radians) * Math.Pow(Math.Sin((lon2 - lon1) * radians / 2), 2);
        var haversine = 2 * GreatCircle.EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));

        var km = GreatCircle.DistanceKm(a, b);

        Assert.Equal(haversine, km, Math.Max(1e-9, haversine * 1e-12));
    }

    [Theory]
    [InlineData(90.5, 0)]
    [InlineData(0, -180.1)]
    [InlineData(double.NaN, 0)]
    public void GeoPoint_OutOfRange_CannotBeBuilt(double lat, double lon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(lat, lon));
}
