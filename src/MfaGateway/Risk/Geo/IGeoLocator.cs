using System.Net;

namespace MfaGateway.Risk.Geo;

public interface IGeoLocator
{
    bool LocationEnabled { get; }

    bool AsnEnabled { get; }

    GeoPlace? Locate(IPAddress address);
}
