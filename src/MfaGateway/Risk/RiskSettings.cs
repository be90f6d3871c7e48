namespace MfaGateway.Risk;

/// <summary>Compiled "Gateway:Risk".</summary>
public sealed record RiskSettings(
    double ImpossibleTravelSpeedKmh,
    bool NewLocationByCity,
    bool NewLocationIncludesAsn,
    TimeSpan PasswordChangeWindow,
    bool RevokeTrustedDevicesOnPasswordChange,
    TimeSpan DeviceCookieLifetime);
