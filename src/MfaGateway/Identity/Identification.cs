using MfaGateway.Sessions;

namespace MfaGateway.Identity;

public enum IdentificationKind
{
    /// <summary>No identity was presented: the app itself deals with anonymous requests.</summary>
    Anonymous,

    /// <summary>An identity was presented and is known.</summary>
    Identified,

    /// <summary>An app session the gateway never saw being created: the user must sign in again.</summary>
    UnknownAppSession,

    /// <summary>A credential was presented and is invalid (a bad JWT): refused outright.</summary>
    Rejected,

    /// <summary>
    /// The app's session credential was sent more than once (or hidden where some stack would split it):
    /// the gateway and the app could read different users, so there is no session; the user signs in again.
    /// </summary>
    RepeatedCredential,
}

/// <param name="Binding">The app-session binding a new gateway session must carry.</param>
/// <param name="Vouched">The gateway session, when valid for this identity, binding and time.</param>
public sealed record Identification(IdentificationKind Kind, string? User = null, string Binding = SessionBinding.None, VouchedSession? Vouched = null, string? Reason = null)
{
    /// <summary>The e-mail address the identity source vouches for (an SSO header, a verified JWT claim), as sent; null when it gives none.</summary>
    public string? Email { get; init; }

    public static readonly Identification Anonymous = new(IdentificationKind.Anonymous);

    public static readonly Identification UnknownAppSession = new(IdentificationKind.UnknownAppSession);

    public static Identification Rejected(string reason) => new(IdentificationKind.Rejected, Reason: reason);

    public static Identification Repeated(string credential) => new(IdentificationKind.RepeatedCredential, Reason: credential);
}
