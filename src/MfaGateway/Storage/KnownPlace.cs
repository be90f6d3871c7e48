namespace MfaGateway.Storage;

/// <summary>A place the user has signed in from, at the precision the GeoIP database gave.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="City">English city name; empty when the database has none for the address.</param>
/// <param name="Asn">Autonomous system number; 0 when unknown.</param>
public sealed record KnownPlace(
    string Country,
    string City,
    long Asn,
    double? Latitude,
    double? Longitude,
    int? AccuracyKm,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);

/// <summary>Where and when the user last passed MFA: the starting point for impossible-travel checks.</summary>
/// <param name="Place">Readable place ("Lisbon, Portugal") for the audit log and the challenge page.</param>
public sealed record MfaPosition(DateTimeOffset At, string Place, double? Latitude, double? Longitude, int? AccuracyKm);
