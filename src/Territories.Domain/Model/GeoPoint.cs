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

/// <summary>A point as the unit vector from the earth's centre: distances between vectors need no trigonometry per pair.</summary>
public readonly record struct UnitVector(double X, double Y, double Z)
{
    public static UnitVector Of(GeoPoint point)
    {
        const double toRadians = Math.PI / 180.0;
        var lat = point.Lat * toRadians;
        var lon = point.Lon * toRadians;
        return new UnitVector(Math.Cos(lat) * Math.Cos(lon), Math.Cos(lat) * Math.Sin(lon), Math.Sin(lat));
    }
}

/// <summary>Great-circle distances on a sphere, as the contract defines them.</summary>
public static class GreatCircle
{
    /// <summary>The mean earth radius of IUGG, in kilometres.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Distance in kilometres between two points.</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b) => DistanceKm(UnitVector.Of(a), UnitVector.Of(b));

    /// <summary>
    /// Distance in kilometres between two points given as unit vectors: the arc over the chord between them,
    /// 2 R asin(chord / 2), the same distance as the haversine formula and as exact for near points (the chord is taken
    /// from the differences of the vectors, not from their dot product).
    /// </summary>
    public static double DistanceKm(UnitVector a, UnitVector b)
    {
        var dx = a.X - b.X;
        var dy = a.Y - b.Y;
        var dz = a.Z - b.Z;
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(dx * dx + dy * dy + dz * dz) / 2));
    }
}
