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
}

/// <param name="Vouched">The gateway session, when valid for this identity, binding and time.</param>
/// <param name="AppSession">The app's session cookie value (form login), from which a new session's binding is made.</param>
public sealed record Identification(IdentificationKind Kind, string? User = null, string? AppSession = null, VouchedSession? Vouched = null, string? Reason = null)
{
    /// <summary>The app-session binding a new gateway session must carry (computed when first needed).</summary>
    public string Binding => AppSession is null ? SessionBinding.None : SessionBinding.For(AppSession);

    public static readonly Identification Anonymous = new(IdentificationKind.Anonymous);

    public static readonly Identification UnknownAppSession = new(IdentificationKind.UnknownAppSession);

    public static Identification Rejected(string reason) => new(IdentificationKind.Rejected, Reason: reason);
}
