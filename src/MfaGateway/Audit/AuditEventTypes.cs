namespace MfaGateway.Audit;

/// <summary>The audit event types, as stored and as the admin API filters them.</summary>
public static class AuditEventTypes
{
    public const string FactorEnrolled = "factor.enrolled";
    public const string FactorRemoved = "factor.removed";
    public const string FactorRenamed = "factor.renamed";
    public const string FactorPrimary = "factor.primary";
    public const string MfaDisabled = "mfa.disabled";
    public const string ChallengeIssued = "challenge.issued";
    public const string ChallengePassed = "challenge.passed";
    public const string ChallengeFailed = "challenge.failed";
    public const string ChallengeSkipped = "challenge.skipped";
    public const string RecoveryCodeUsed = "recovery_code.used";
    public const string RecoveryCodesGenerated = "recovery_codes.generated";
    public const string DeviceTrusted = "device.trusted";
    public const string DeviceRevoked = "device.revoked";

    /// <summary>Devices of the user's list were forgotten: remembered ones revoked and known ones no longer recognised.</summary>
    public const string DeviceForgotten = "device.forgotten";
    public const string UserLocked = "user.locked";
    public const string UserBanned = "user.banned";
    public const string ClientBanned = "client.banned";

    /// <summary>An app credential (session cookie, login user name) came more than once in one request: refused.</summary>
    public const string CredentialRepeated = "credential.repeated";
    /// <summary>The app's password-change form succeeded (watched by the gateway) or the admin API reported it.</summary>
    public const string PasswordChanged = "password.changed";

    /// <summary>An administrator (admin API or CLI) invited a user to enrol (detail: invitation, app, expires).</summary>
    public const string InvitationCreated = "invitation.created";

    /// <summary>A browser opened an invitation link and now holds it; no other browser can.</summary>
    public const string InvitationOpened = "invitation.opened";

    /// <summary>The invited user enrolled their first factor with it: the link is spent.</summary>
    public const string InvitationUsed = "invitation.used";

    /// <summary>An administrator revoked the user's open invitations (detail: count).</summary>
    public const string InvitationRevoked = "invitation.revoked";

    /// <summary>A RiskBased policy weighed a request: outcome success (no trigger), challenge, or denied; detail names the triggers.</summary>
    public const string RiskEvaluated = "risk.evaluated";

    public const string AdminUserStatus = "admin.user_status";
    public const string AdminRequireMfa = "admin.require_mfa";
    public const string AdminResetFactors = "admin.reset_factors";
    public const string AdminRevokeDevices = "admin.revoke_devices";
    public const string AdminUnlock = "admin.unlock";
    public const string AdminListDevices = "admin.list_devices";
    public const string AdminForgetDevice = "admin.forget_device";
    public const string AdminForgetDevices = "admin.forget_devices";

    /// <summary>An app the gateway cannot watch reported a password change; the user's devices were revoked.</summary>
    public const string AdminPasswordChanged = "admin.password_changed";

    /// <summary>Every session of the user was ended (reset, factor removed, MFA off, password change, lock, sign out everywhere); detail names why.</summary>
    public const string SessionsEnded = "sessions.ended";

    /// <summary>The user signed out of the app: that gateway session and its app-session binding were ended.</summary>
    public const string SessionSignedOut = "session.signed_out";

    /// <summary>An administrator ended every session of the user.</summary>
    public const string AdminSignOutEverywhere = "admin.sign_out_everywhere";

    /// <summary>
    /// A passkey or security key answered with a signature counter that did not increase (WebAuthn L3
    /// section 7.2 step 22): it may have been cloned. Detail names the factor, both counters and the action taken.
    /// </summary>
    public const string WebAuthnCounterRegression = "webauthn.counter_regression";

    /// <summary>A code was not sent by e-mail or SMS because an hourly sending limit was reached; detail names the factor and the limit.</summary>
    public const string CodeLimited = "code.limited";

    /// <summary>A notification was given up (a permanent failure, or its last attempt); detail names the kind, channel, attempts and reason.</summary>
    public const string NotificationFailed = "notification.failed";

    public const string AdminAuditRead = "admin.audit_read";
    public const string AdminDenied = "admin.denied";
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
    public const string Challenged = "challenged";
}
