namespace Territories.Domain.Model;

/// <summary>A point on the earth in decimal degrees (WGS 84): latitude in [-90, 90], longitude in [-180, 180].</summary>
public readonly record struct GeoPoint
{
    public GeoPoint(double lat, double lon)
    {
        if (!double.IsFinite(lat) || lat is < -90 or > 90)
            throw new ArgumentOutOfRangeException(nameof(lat), lat, "latitude must be within [-90, 90]");
        if (!double.IsFinite(lon) || lon is < -180 or > 180)
            throw new ArgumentOutOfRangeException(nameof(lon), lon, "longitude must be within [-180, 180]");
        Lat = lat;
        Lon = lon;
    }

    public double Lat { get; }
    public double Lon { get; }
}

/// <summary>Great-circle (haversine) distances on a sphere, as the contract defines them.</summary>
public static class GreatCircle
{
    /// <summary>The mean earth radius of IUGG, in kilometres.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Distance in kilometres between two points.</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        const double toRadians = Math.PI / 180.0;
        var dLat = (b.Lat - a.Lat) * toRadians;
        var dLon = (b.Lon - a.Lon) * toRadians;
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
              + Math.Cos(a.Lat * toRadians) * Math.Cos(b.Lat * toRadians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(h)));
    }
}
