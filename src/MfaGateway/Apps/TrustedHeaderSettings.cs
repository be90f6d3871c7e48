using MfaGateway.Networking;

namespace MfaGateway.Apps;

/// <param name="EmailHeader">The SSO's header with the user's e-mail address, if the SSO sends one.</param>
public sealed record TrustedHeaderSettings(string Header, NetworkList TrustedNetworks, string? EmailHeader = null);
