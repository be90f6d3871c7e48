using System.Net;

namespace MfaGateway.Networking;

/// <summary>
/// What the domain (challenges, risk, regulation, audit) may know about where a request comes from,
/// so that none of it needs the HTTP request: the client address after trusted-proxy resolution, the
/// browser's User-Agent, and the device-id cookie as the browser sent it (unverified: risk checks it).
/// Built once per request by <see cref="RequestOriginExtensions.Origin"/>; tests build it directly.
/// </summary>
/// <param name="ClientAddress">Null when the connection has no address (in-memory test servers).</param>
/// <param name="UserAgent">Null when the client sent none.</param>
/// <param name="DeviceToken">The protected device id the browser presented, null when it sent none.</param>
public sealed record RequestOrigin(IPAddress? ClientAddress, string? UserAgent, string? DeviceToken = null);
