using System.Net;

namespace MfaGateway.Networking;

public static class ClientAddressExtensions
{
    /// <summary>The client as resolved through trusted proxies: what every policy and limit uses.</summary>
    public static IPAddress? ClientAddress(this HttpContext context) => context.Connection.RemoteIpAddress;

    /// <summary>The machine that opened the TCP connection to the gateway.</summary>
    public static IPAddress? PeerAddress(this HttpContext context) =>
        context.Features.Get<ClientAddressFeature>()?.PeerAddress ?? context.Connection.RemoteIpAddress;
}
