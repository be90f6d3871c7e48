using MfaGateway.Apps;
using MfaGateway.Configuration;

namespace MfaGateway.Sessions;

/// <summary>A login submission on its way to the app; the login response transform decides what its answer means.</summary>
/// <param name="User">The normalised user name from the form; null when the field was missing.</param>
/// <param name="Config">The snapshot the submission was read under, so the answer is judged by the same rules.</param>
public sealed record LoginAttempt(ProtectedApp App, string? User, GatewayConfig Config);
