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

    [Theory]
    [InlineData(90.5, 0)]
    [InlineData(0, -180.1)]
    [InlineData(double.NaN, 0)]
    public void GeoPoint_OutOfRange_CannotBeBuilt(double lat, double lon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(lat, lon));
}
