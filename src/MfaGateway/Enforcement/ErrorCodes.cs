namespace MfaGateway.Enforcement;

/// <summary>
/// Every machine-readable error the gateway answers with: the "error" of its JSON errors and the code
/// its error pages carry. Clients branch on these, so they are a contract: a new refusal takes a
/// code from here (or adds one, with its line in the README's error table); a test pins both. The
/// names follow OAuth 2.0 (RFC 6749 section 5.2, RFC 6750 section 3.1) where a meaning is the same.
/// </summary>
public static class ErrorCodes
{
    // Requests that cannot be read or are not allowed as sent.
    public const string InvalidRequest = "invalid_request";
    public const string RequestTooLarge = "request_too_large";
    public const string InvalidPath = "invalid_path";
    public const string CrossOriginRequest = "cross_origin_request";

    // Who the caller is.
    public const string LoginRequired = "login_required";
    public const string LoginUnverifiable = "login_unverifiable";
    public const string InvalidToken = "invalid_token";
    public const string InvalidApiKey = "invalid_api_key";

    // MFA asked for, and its answers.
    public const string MfaRequired = "mfa_required";
    public const string FreshMfaRequired = "fresh_mfa_required";
    public const string ProofRequired = "proof_required";
    public const string EnrollmentRequired = "enrollment_required";
    public const string InvalidGrant = "invalid_grant";
    public const string ExpiredToken = "expired_token";
    public const string TooManyAttempts = "too_many_attempts";
    public const string UnsupportedFactor = "unsupported_factor";
    public const string CodeNotSent = "code_not_sent";
    public const string CodeExpired = "code_expired";
    public const string SendingLimited = "sending_limited";
    public const string AlreadyEnrolled = "already_enrolled";
    public const string InvitationRequired = "invitation_required";

    // A passkey's or security key's answer (WebAuthn): which check of the ceremony it failed.
    public const string OptionsNotIssued = "options_not_issued";
    public const string MalformedCredential = "malformed_credential";
    public const string ChallengeMismatch = "challenge_mismatch";
    public const string OriginMismatch = "origin_mismatch";
    public const string RpIdMismatch = "rp_id_mismatch";
    public const string InvalidSignature = "invalid_signature";
    public const string UserVerificationRequired = "user_verification_required";
    public const string UserPresenceRequired = "user_presence_required";
    public const string UnknownCredential = "unknown_credential";
    public const string CredentialExists = "credential_exists";
    public const string CounterRegression = "counter_regression";
    public const string AuthenticatorNotAllowed = "authenticator_not_allowed";

    // Refusals and missing things.
    public const string AccessDenied = "access_denied";
    public const string FormNotKept = "form_not_kept";
    public const string Conflict = "conflict";
    public const string NotFound = "not_found";
    public const string UserNotFound = "user_not_found";
    public const string DeviceNotFound = "device_not_found";
}
