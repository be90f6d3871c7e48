namespace MfaGateway.Configuration;

/// <summary>"Gateway:Risk": how the risk signals are computed, for every RiskBased policy.</summary>
public sealed class RiskOptions
{
    /// <summary>Travel faster than this between the last MFA and now is impossible travel (after allowing for the accuracy radii).</summary>
    public double ImpossibleTravelSpeedKmh { get; set; } = 1000;

    /// <summary>"Country" (default) or "City": how precisely a place must match to count as known.</summary>
    public string NewLocationPrecision { get; set; } = "Country";

    /// <summary>Also treat a network (ASN) the user never signed in from as a new location.</summary>
    public bool NewLocationIncludesAsn { get; set; }

    /// <summary>How long after a password change a RiskBased policy asks for MFA again.</summary>
    public string PasswordChangeWindow { get; set; } = "24h";

    /// <summary>Forget every remembered device when the gateway sees the password change.</summary>
    public bool RevokeTrustedDevicesOnPasswordChange { get; set; } = true;

    /// <summary>Lifetime of the device-id cookie that recognises a browser (browsers cap cookies at 400 days).</summary>
    public int DeviceCookieDays { get; set; } = 400;
}
