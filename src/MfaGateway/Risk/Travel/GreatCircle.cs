namespace MfaGateway.Risk.Travel;

/// <summary>Distances on the Earth's surface (haversine on a sphere of mean radius; error below 0.5%, far inside GeoIP accuracy).</summary>
public static class GreatCircle
{
    private const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = double.DegreesToRadians(latitude1);
        var phi2 = double.DegreesToRadians(latitude2);
        var deltaPhi = phi2 - phi1;
        var deltaLambda = double.DegreesToRadians(longitude2 - longitude1);
        var a = (Math.Sin(deltaPhi / 2) * Math.Sin(deltaPhi / 2))
            + (Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(deltaLambda / 2) * Math.Sin(deltaLambda / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
