namespace MfaGateway.Networking;

/// <summary>
/// The proxy networks whose X-Forwarded-* headers are believed. Read at every request, never kept: a
/// reload that compiles applies at the next request, and a rejected one leaves the last good list here.
/// </summary>
public interface ITrustedProxiesSource
{
    NetworkList Current { get; }
}
