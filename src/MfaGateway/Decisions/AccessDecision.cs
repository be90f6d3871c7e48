using MfaGateway.Challenges;
using MfaGateway.Sessions;

namespace MfaGateway.Decisions;

/// <summary>
/// What happens to a request, as <see cref="AccessDecider"/> decided it. The set is closed (the
/// constructor is private, so only the cases below exist): an executor that handles each case has
/// handled every outcome.
/// </summary>
public abstract record AccessDecision
{
    private AccessDecision()
    {
    }

    /// <summary>The request goes to the app as it is.</summary>
    public sealed record Forward(ForwardIdentity As) : AccessDecision
    {
        public static readonly Forward Anonymous = new(ForwardIdentity.Anonymous);

        public static readonly Forward PresentedSession = new(ForwardIdentity.PresentedSession);

        public static readonly Forward Unchecked = new(ForwardIdentity.Unchecked);
    }

    /// <summary>A new (or extended) gateway session is written, and the request goes on as its user.</summary>
    public sealed record ForwardAndIssueSession(GatewaySession Session, SessionGrant Grant) : AccessDecision;

    /// <summary>The user must pass MFA first.</summary>
    /// <param name="Reasons">The risk triggers that fired, in plain words; empty when the policy asks every time.</param>
    public sealed record Challenge(ChallengePurpose Purpose, IReadOnlyList<string> Reasons) : AccessDecision;

    /// <summary>MFA is needed and the user has no factor: they set one up (or skip, in a grace period).</summary>
    public sealed record Enrol(ChallengePurpose Purpose) : AccessDecision;

    /// <summary>Refused outright.</summary>
    /// <param name="Reasons">The fired risk triggers in plain words, for <see cref="DenialReason.Risk"/>.</param>
    public sealed record Deny(DenialReason Reason, IReadOnlyList<string> Reasons) : AccessDecision
    {
        public static readonly Deny ByPolicy = new(DenialReason.Policy, []);

        public static readonly Deny NoIdentitySource = new(DenialReason.NoIdentitySource, []);
    }

    /// <summary>Nothing is forwarded; the app's session cookie is cleared and the user signs in on the app's form again.</summary>
    /// <param name="Credential">The repeated credential's name, for <see cref="SignInAgainCause.RepeatedCredential"/>.</param>
    public sealed record SignInAgain(SignInAgainCause Cause, string? Credential) : AccessDecision
    {
        public static readonly SignInAgain UnknownAppSession = new(SignInAgainCause.UnknownAppSession, null);
    }

    /// <summary>The presented token (a JWT, an SSO header) is invalid: 401, no challenge can help.</summary>
    public sealed record RejectToken(string Reason) : AccessDecision;

    /// <summary>Not decided yet: the executor gathers <paramref name="Fact"/> and asks again.</summary>
    public sealed record NeedFact(AccessFact Fact) : AccessDecision
    {
        public static readonly NeedFact Identity = new(AccessFact.Identity);

        public static readonly NeedFact PasswordChange = new(AccessFact.PasswordChange);

        public static readonly NeedFact User = new(AccessFact.User);

        public static readonly NeedFact Risk = new(AccessFact.Risk);

        public static readonly NeedFact TrustedDevice = new(AccessFact.TrustedDevice);
    }
}
