using MfaGateway.Apps;
using MfaGateway.Configuration;

namespace MfaGateway.Identity;

/// <summary>A login submission on its way to the app; the response transform decides what its answer means.</summary>
/// <param name="User">The normalised user name from the form; null when the field was missing.</param>
public sealed record LoginAttemptFeature(ProtectedApp App, string? User, GatewayConfig Config);
