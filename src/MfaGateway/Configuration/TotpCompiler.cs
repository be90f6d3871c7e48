using MfaGateway.Protocols.Otp;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:Totp": the authenticator code parameters every new TOTP factor gets.</summary>
internal static class TotpCompiler
{
    public static TotpSettings? Compile(TotpOptions options, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        OtpHashAlgorithm algorithm = default;
        switch (options.Algorithm.ToUpperInvariant())
        {
            case "SHA1": algorithm = OtpHashAlgorithm.Sha1; break;
            case "SHA256": algorithm = OtpHashAlgorithm.Sha256; break;
            case "SHA512": algorithm = OtpHashAlgorithm.Sha512; break;
            default: errors.Add("Gateway:Totp:Algorithm", $"'{options.Algorithm}' is not SHA1, SHA256 or SHA512"); break;
        }

        if (options.Digits is < 6 or > 8)
        {
            errors.Add("Gateway:Totp:Digits", $"{options.Digits} is outside 6..8 (RFC 4226)");
        }

        if (options.Window is < 0 or > 10)
        {
            errors.Add("Gateway:Totp:Window", $"{options.Window} is outside 0..10 time steps");
        }

        return errors.Count > count ? null : new TotpSettings(new TotpParameters { Algorithm = algorithm, Digits = options.Digits }, options.Window);
    }
}
