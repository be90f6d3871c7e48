namespace MfaGateway.Factors.Totp;

/// <summary>
/// The TOTP settings in force. Read at every use, never kept: a reload that compiles applies at the
/// next code or enrolment, and a rejected one leaves the last good settings here.
/// </summary>
public interface ITotpSettingsSource
{
    TotpSettings Current { get; }

    /// <summary>The name authenticator apps show beside the account, written into a new enrolment's QR code.</summary>
    string Issuer { get; }
}
