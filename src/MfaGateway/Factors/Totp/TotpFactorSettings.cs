using System.Text.Json;
using System.Text.Json.Serialization;
using MfaGateway.Protocols.Otp;

namespace MfaGateway.Factors.Totp;

/// <summary>
/// The parameters a TOTP factor was enrolled with. Stored per factor, so changing the configured
/// algorithm or digits later affects new enrolments only and never breaks an existing app.
/// </summary>
public sealed record TotpFactorSettings(OtpHashAlgorithm Algorithm, int Digits, int PeriodSeconds)
{
    public TotpParameters ToParameters() => new() { Algorithm = Algorithm, Digits = Digits, PeriodSeconds = PeriodSeconds };

    public static TotpFactorSettings From(TotpParameters parameters) => new(parameters.Algorithm, parameters.Digits, parameters.PeriodSeconds);

    public string ToJson() => JsonSerializer.Serialize(this, TotpJsonContext.Default.TotpFactorSettings);

    public static TotpFactorSettings FromJson(string json) =>
        JsonSerializer.Deserialize(json, TotpJsonContext.Default.TotpFactorSettings) ?? throw new JsonException("empty TOTP settings");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TotpFactorSettings))]
internal sealed partial class TotpJsonContext : JsonSerializerContext;
