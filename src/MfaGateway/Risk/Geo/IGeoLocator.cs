using System.Net;

namespace MfaGateway.Risk.Geo;

/// <summary>Locates client addresses with the configured MaxMind DB files.</summary>
public interface IGeoLocator
{
    /// <summary>A City or Country database is loaded, so country (and maybe city) signals are available.</summary>
    bool LocationEnabled { get; }

    /// <summary>An ASN database is loaded.</summary>
    bool AsnEnabled { get; }

    /// <summary>
    /// The place of <paramref name="address"/>, or null when no database knows it. Private, loopback,
    /// link-local, unique-local, documentation and other special-purpose addresses are never located.
    /// </summary>
    GeoPlace? Locate(IPAddress address);
}
