using System.Net;

namespace MfaGateway.Networking;

/// <summary>
/// Present when the TCP peer was a trusted proxy and the client address was taken from
/// X-Forwarded-For. <see cref="Microsoft.AspNetCore.Http.ConnectionInfo.RemoteIpAddress"/> then holds
/// the client; this keeps the peer, which identity sources must check instead.
/// </summary>
public sealed class ClientAddressFeature(IPAddress peerAddress)
{
    public IPAddress PeerAddress { get; } = peerAddress;
}
