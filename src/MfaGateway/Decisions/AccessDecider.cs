using MfaGateway.Challenges;
using MfaGateway.Identity;
using MfaGateway.Policies;
using MfaGateway.Risk;
using MfaGateway.Sessions;

namespace MfaGateway.Decisions;

/// <summary>
/// The one place that decides whether a request needs MFA and what happens instead: a pure function
/// of <see cref="AccessRequest"/> (no request, no store, no clock). Inputs that cost something are
/// asked for with <see cref="AccessDecision.NeedFact"/> only when the case needs them, so a live
/// session that satisfies the policy is decided from the session alone.
/// </summary>
public static class AccessDecider
{
    public static AccessDecision Decide(in AccessRequest request)
    {
        var policy = request.Policy;
        var atLogin = request.Purpose == RequestPurpose.LoginResponse;
        if (policy.Level == PolicyLevel.Deny)
        {
            return AccessDecision.Deny.ByPolicy;
        }

        // At a login the user is already known (the app accepted the password), so even a Bypass
        // sign-in policy records who it was: the session then names the user to the app.
        if (policy.Level == PolicyLevel.Bypass && !atLogin)
        {
            return AccessDecision.Forward.Unchecked;
        }

        if (request.App is null)
        {
            return AccessDecision.Deny.NoIdentitySource;
        }

        if (request.Identification is not { } identification)
        {
            return AccessDecision.NeedFact.Identity;
        }

        switch (identification.Kind)
        {
            case IdentificationKind.Anonymous:
                return AccessDecision.Forward.Anonymous;
            case IdentificationKind.Rejected:
                return new AccessDecision.RejectToken(identification.Reason ?? "the credential was refused");
            case IdentificationKind.UnknownAppSession:
                return AccessDecision.SignInAgain.UnknownAppSession;
            case IdentificationKind.RepeatedCredential:
                return new AccessDecision.SignInAgain(SignInAgainCause.RepeatedCredential, identification.Reason);
        }

        var session = identification.Vouched?.Session;
        if (session is not null)
        {
            var standing = Standing(request, session);
            if (standing is not null)
            {
                return standing;
            }
        }

        if (policy.Level is PolicyLevel.Disabled or PolicyLevel.Bypass)
        {
            return ForwardWithoutMfa(request, identification, session);
        }

        if (policy.Level == PolicyLevel.Optional)
        {
            if (session is { MfaAt: null, RiskClearedAt: null })
            {
                // Identified without MFA earlier in this session: known not to need it, no lookup.
                return AccessDecision.Forward.PresentedSession;
            }

            if (request.User is not { } optionalUser)
            {
                return AccessDecision.NeedFact.User;
            }

            if (!optionalUser.WantsMfa)
            {
                return ForwardWithoutMfa(request, identification, session);
            }
        }

        return MfaNeeded(request, identification, session);
    }

    /// <summary>
    /// Forward when the presented session satisfies the policy; null when it does not (the caller
    /// goes on as if there were no usable MFA); or the fact needed to tell.
    /// </summary>
    private static AccessDecision? Standing(in AccessRequest request, GatewaySession session)
    {
        var policy = request.Policy;
        var now = request.Now;

        // A session a remembered device opened is only as good as the device, and only where devices are accepted.
        if (session.DeviceId is not null && (policy.TrustedDeviceLifetime is null || request.SessionDeviceRevoked))
        {
            return null;
        }

        if (policy.Risk is { } risk)
        {
            if (risk.Enabled.HasFlag(RiskTriggers.AfterPasswordChange))
            {
                if (request.PasswordChange is not { } change)
                {
                    return AccessDecision.NeedFact.PasswordChange;
                }

                // A change in the same instant as the MFA is not known to come before it.
                if (change.At is { } changedAt && (session.VouchedSince is not { } since || changedAt >= since))
                {
                    return null;
                }
            }

            // A live session is not re-evaluated: a quiet check stands for every trigger it covered.
            if (session.RiskClearedAt is not null && (risk.Enabled & ~session.RiskCleared) == RiskTriggers.None)
            {
                return AccessDecision.Forward.PresentedSession;
            }
        }

        var satisfied = policy.IsSatisfiedBy(session.Factors, session.MfaAt, now)
            || (session.MfaAt is null && session.GraceUntil > now && policy.GracePeriod is not null)
            || policy.Level == PolicyLevel.Disabled;
        return satisfied ? AccessDecision.Forward.PresentedSession : null;
    }

    /// <summary>The policy asks no MFA of this user: the session they have stands, or one without MFA is issued.</summary>
    private static AccessDecision ForwardWithoutMfa(in AccessRequest request, Identification identification, GatewaySession? session) =>
        session is not null
            ? AccessDecision.Forward.PresentedSession
            : new AccessDecision.ForwardAndIssueSession(
                GatewaySession.IdentifiedWithoutMfa(request.App!, identification.User!, identification.Binding, request.Now, request.SessionLifetime),
                SessionGrant.WithoutMfa);

    private static AccessDecision MfaNeeded(in AccessRequest request, Identification identification, GatewaySession? session)
    {
        var policy = request.Policy;
        if (request.User is not { } user)
        {
            return AccessDecision.NeedFact.User;
        }

        var purpose = PurposeOf(request.Purpose, session);

        // Nothing to verify with: neither a quiet risk check nor a remembered device can stand in for a factor.
        if (!user.Enrolled)
        {
            return new AccessDecision.Enrol(purpose);
        }

        IReadOnlyList<string> reasons = [];
        if (policy.Level == PolicyLevel.RiskBased)
        {
            if (request.Risk is not { } finding)
            {
                return AccessDecision.NeedFact.Risk;
            }

            if (finding.Assessment is not { } assessment)
            {
                return new AccessDecision.Enrol(purpose); // the last factor went between the two lookups
            }

            switch (assessment.Action)
            {
                case RiskAction.Deny:
                    return new AccessDecision.Deny(DenialReason.Risk, assessment.ReasonsForUser);
                case RiskAction.Off:
                    var cleared = (session ?? GatewaySession.IdentifiedWithoutMfa(request.App!, identification.User!, identification.Binding, request.Now, request.SessionLifetime))
                        .ClearedByRisk(assessment.Checked, request.Now);
                    return new AccessDecision.ForwardAndIssueSession(cleared, SessionGrant.RiskCleared);
            }

            // A trigger fired: a remembered device does not outweigh it, only a challenge does.
            reasons = assessment.ReasonsForUser;
        }

        if (reasons.Count == 0 && session is null && policy.TrustedDeviceLifetime is not null)
        {
            if (request.Device is not { } device)
            {
                return AccessDecision.NeedFact.TrustedDevice;
            }

            if (device.Device is { } remembered)
            {
                var opened = GatewaySession.FromTrustedDevice(
                    request.App!, identification.User!, identification.Binding, remembered.Id, remembered.Factor, remembered.TrustedAt, request.Now, request.SessionLifetime);

                // The MFA that trusted the device must be fresh enough: a step-up MaxAge is never met by a device alone.
                if (policy.IsSatisfiedBy(opened.Factors, opened.MfaAt, request.Now))
                {
                    return new AccessDecision.ForwardAndIssueSession(opened, SessionGrant.TrustedDevice);
                }
            }
        }

        return new AccessDecision.Challenge(purpose, reasons);
    }

    /// <summary>
    /// A sign-in only when nothing shows the user is already in: a session of any kind (an MFA, a
    /// quiet risk check, an Optional pass) or a request that acts (a POST) means the user is using
    /// the app and this challenge guards what they just asked for.
    /// </summary>
    private static ChallengePurpose PurposeOf(RequestPurpose purpose, GatewaySession? session) => purpose switch
    {
        RequestPurpose.LoginResponse => ChallengePurpose.SignIn,
        RequestPurpose.Read when session is null => ChallengePurpose.SignIn,
        _ => ChallengePurpose.StepUp,
    };
}
