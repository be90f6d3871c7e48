namespace MfaGateway.Risk.Travel;

/// <summary>The journey between the place of the last MFA and the place of this sign-in.</summary>
/// <param name="DistanceKm">Great-circle distance after subtracting both accuracy radii: the least the user must have travelled.</param>
public sealed record Journey(double DistanceKm, TimeSpan Elapsed, double SpeedKmh);

public static class ImpossibleTravel
{
    /// <summary>
    /// The journey when it is faster than <paramref name="limitKmh"/>, else null. GeoIP places are
    /// circles, not points: the user may have been anywhere within each accuracy radius, so only the
    /// distance beyond both radii counts. A journey that fits inside the radii is never impossible.
    /// </summary>
    public static Journey? Check(
        (double Latitude, double Longitude, int? AccuracyKm) from,
        DateTimeOffset fromTime,
        (double Latitude, double Longitude, int? AccuracyKm) to,
        DateTimeOffset now,
        double limitKmh)
    {
        var distance = GreatCircle.DistanceKm(from.Latitude, from.Longitude, to.Latitude, to.Longitude)
            - (from.AccuracyKm ?? 0) - (to.AccuracyKm ?? 0);
        if (distance <= 0)
        {
            return null;
        }

        var elapsed = now - fromTime;
        var speed = elapsed <= TimeSpan.Zero ? double.PositiveInfinity : distance / elapsed.TotalHours;
        return speed > limitKmh ? new Journey(distance, elapsed, speed) : null;
    }
}
