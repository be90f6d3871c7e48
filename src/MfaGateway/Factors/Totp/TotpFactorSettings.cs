using System.Text.Json;
using System.Text.Json.Serialization;
using OtpNet;

namespace MfaGateway.Factors.Totp;

/// <summary>
/// The parameters a TOTP factor was enrolled with. Stored per factor, so changing the configured
/// algorithm or digits later affects new enrolments only and never breaks an existing app.
/// Every property is checked as it is set, so no instance (a stored one read back, or one made with
/// <c>with</c>) can ask Otp.NET for something the gateway does not support.
/// </summary>
public sealed record TotpFactorSettings
{
    /// <summary>RFC 4226 section 5.3 demands at least 6 digits; authenticator apps offer 6, 7 or 8.</summary>
    public const int MinDigits = 6;

    public const int MaxDigits = 8;

    public TotpFactorSettings(OtpHashMode algorithm, int digits, int periodSeconds)
    {
        Algorithm = algorithm;
        Digits = digits;
        PeriodSeconds = periodSeconds;
    }

    /// <summary>SHA-1, 6 digits, 30 seconds: the only combination every authenticator app supports.</summary>
    public static TotpFactorSettings Default { get; } = new(OtpHashMode.Sha1, 6, 30);

    public OtpHashMode Algorithm
    {
        get;
        init
        {
            // Otp.NET silently treats an unknown mode as SHA-1; an unknown stored value must not verify as one.
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Algorithm), value, "Expected Sha1, Sha256 or Sha512.");
            }

            field = value;
        }
    }

    public int Digits
    {
        get;
        init
        {
            // Otp.NET accepts 1 to 10; fewer than 6 would make guessing easy, more than 8 no app shows.
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinDigits, nameof(Digits));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxDigits, nameof(Digits));
            field = value;
        }
    }

    /// <summary>Length of a time step (RFC 6238 "X").</summary>
    public int PeriodSeconds
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(PeriodSeconds));
            field = value;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, TotpJsonContext.Default.TotpFactorSettings);

    /// <remarks>
    /// Otp.NET's <see cref="OtpHashMode"/> names (Sha1, Sha256, Sha512) are the names factors were
    /// stored with before the package was used, so existing factors read back unchanged.
    /// </remarks>
    public static TotpFactorSettings FromJson(string json) =>
        JsonSerializer.Deserialize(json, TotpJsonContext.Default.TotpFactorSettings) ?? throw new JsonException("empty TOTP settings");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TotpFactorSettings))]
internal sealed partial class TotpJsonContext : JsonSerializerContext;
