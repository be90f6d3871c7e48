using MfaGateway.Factors.Totp;
using MfaGateway.Validation;
using OtpNet;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:Totp": the authenticator code parameters every new TOTP factor gets.</summary>
internal static class TotpCompiler
{
    public static TotpSettings? Compile(TotpOptions options, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        OtpHashMode algorithm = default;
        switch (options.Algorithm.ToUpperInvariant())
        {
            case "SHA1": algorithm = OtpHashMode.Sha1; break;
            case "SHA256": algorithm = OtpHashMode.Sha256; break;
            case "SHA512": algorithm = OtpHashMode.Sha512; break;
            default: errors.Add("Gateway:Totp:Algorithm", $"'{options.Algorithm}' is not SHA1, SHA256 or SHA512"); break;
        }

        if (options.Digits is < TotpFactorSettings.MinDigits or > TotpFactorSettings.MaxDigits)
        {
            errors.Add("Gateway:Totp:Digits", $"{options.Digits} is outside 6..8 (RFC 4226)");
        }

        if (options.Window is < 0 or > TotpCodeVerifier.MaxWindow)
        {
            errors.Add("Gateway:Totp:Window", $"{options.Window} is outside 0..10 time steps");
        }

        return errors.Count > count ? null : new TotpSettings(TotpFactorSettings.Default with { Algorithm = algorithm, Digits = options.Digits }, options.Window);
    }
}
