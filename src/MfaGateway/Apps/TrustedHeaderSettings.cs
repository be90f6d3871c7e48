using MfaGateway.Networking;

namespace MfaGateway.Apps;

public sealed record TrustedHeaderSettings(string Header, NetworkList TrustedNetworks);
