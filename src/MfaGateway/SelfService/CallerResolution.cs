using MfaGateway.Apps;
using MfaGateway.Policies;

namespace MfaGateway.SelfService;

public enum CallerStatus
{
    /// <summary>No app identifies the request: the user must sign in to the application first.</summary>
    NotSignedIn,

    /// <summary>The user is known but has no usable gateway session: a challenge must come first.</summary>
    VerificationNeeded,

    /// <summary>A usable session: the security page can be shown.</summary>
    Ready,
}

/// <summary>Who is asking for the security page, and whether they may see it yet.</summary>
/// <param name="Caller">Set when <see cref="CallerStatus.Ready"/>.</param>
/// <param name="App">Set when <see cref="CallerStatus.VerificationNeeded"/>: the app to verify for.</param>
/// <param name="User">Set when <see cref="CallerStatus.VerificationNeeded"/>.</param>
/// <param name="Binding">Set when <see cref="CallerStatus.VerificationNeeded"/>: the app-session binding the new session must carry.</param>
public sealed record CallerResolution(
    CallerStatus Status,
    SecurityCaller? Caller = null,
    ProtectedApp? App = null,
    string? User = null,
    RoutePolicy? Policy = null,
    string? Binding = null)
{
    public static readonly CallerResolution NotSignedIn = new(CallerStatus.NotSignedIn);
}
