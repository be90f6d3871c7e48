using System.Net;

namespace MfaGateway.Risk.Reputation;

public interface IIpReputation
{
    /// <param name="asn">The address's autonomous system from GeoIP, when known.</param>
    ValueTask<ReputationVerdict> CheckAsync(IPAddress address, long? asn, CancellationToken cancellationToken);
}
