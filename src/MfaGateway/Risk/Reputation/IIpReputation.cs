using System.Net;

namespace MfaGateway.Risk.Reputation;

public sealed record ReputationVerdict(bool Suspicious, IReadOnlyList<string> Reasons, bool ProviderUnavailable);

public interface IIpReputation
{
    ValueTask<ReputationVerdict> CheckAsync(IPAddress address, long? asn, CancellationToken cancellationToken);
}
