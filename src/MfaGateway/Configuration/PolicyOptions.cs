namespace MfaGateway.Configuration;

public sealed class PolicyOptions
{
    /// <summary>Bypass, Optional, Required, RiskBased or Deny.</summary>
    public string? Level { get; set; }

    /// <summary>Factor types that satisfy this policy; empty means every enabled factor.</summary>
    public List<string> Factors { get; set; } = [];

    /// <summary>
    /// Preferred or Required: whether a passkey or security key must verify the user (PIN, biometrics)
    /// under this policy; unset, Gateway:WebAuthn:UserVerification applies. Needs webauthn among the factors.
    /// </summary>
    public string? UserVerification { get; set; }

    /// <summary>Step-up freshness: the MFA must be at most this old ("5m", "00:05:00").</summary>
    public string? MaxAge { get; set; }

    /// <summary>Required only: how long after first being seen a user may skip enrolment ("7d").</summary>
    public string? GracePeriod { get; set; }

    /// <summary>How many recovery codes a user gets at first enrolment or on regeneration.</summary>
    public int RecoveryCodes { get; set; } = 10;

    public TrustedDeviceOptions TrustedDevices { get; set; } = new();

    /// <summary>
    /// Open (default): whoever signs in with the password enrols the first factor. Invitation: only a
    /// browser that opened the user's invitation link (admin API or CLI) can, so a stolen password alone cannot.
    /// </summary>
    public string FirstEnrolment { get; set; } = "Open";

    /// <summary>
    /// Sign-in e-mails carry a link as well as the code (epilot's portal mode): single use, as long as
    /// the code lives (10 minutes at most), usable only in the browser that signed in. Needs email among
    /// the factors and a PublicUrl on the apps.
    /// </summary>
    public bool EmailLink { get; set; }

    /// <summary>RiskBased only: which triggers ask for MFA or deny. Without it, every trigger challenges.</summary>
    public PolicyRiskOptions? Risk { get; set; }
}
