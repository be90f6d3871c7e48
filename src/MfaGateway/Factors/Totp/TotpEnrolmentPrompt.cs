namespace MfaGateway.Factors.Totp;

/// <param name="SecretBase32">For manual entry; shown grouped in fours.</param>
/// <param name="QrCodePngDataUri">A data: URI, so the page needs no extra request and no script.</param>
public sealed record TotpEnrolmentPrompt(
    string Issuer,
    string AccountName,
    string SecretBase32,
    string OtpAuthUri,
    string QrCodePngDataUri,
    TotpFactorSettings Settings) : EnrolmentPrompt(FactorTypes.Totp);
