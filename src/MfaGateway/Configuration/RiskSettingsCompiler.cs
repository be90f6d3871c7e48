using MfaGateway.Risk;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

internal static class RiskSettingsCompiler
{
    public static RiskSettings? Compile(RiskOptions options, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        const string where = "Gateway:Risk";
        if (!double.IsFinite(options.ImpossibleTravelSpeedKmh) || options.ImpossibleTravelSpeedKmh is < 50 or > 100_000)
        {
            errors.Add($"{where}:ImpossibleTravelSpeedKmh", $"{options.ImpossibleTravelSpeedKmh} is outside 50..100000 (an airliner is ~900 km/h)");
        }

        var byCity = false;
        if (string.Equals(options.NewLocationPrecision, "City", StringComparison.OrdinalIgnoreCase))
        {
            byCity = true;
        }
        else if (!string.Equals(options.NewLocationPrecision, "Country", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{where}:NewLocationPrecision", $"'{options.NewLocationPrecision}' is not Country or City");
        }

        if (!DurationParser.TryParse(options.PasswordChangeWindow, out var window))
        {
            errors.Add($"{where}:PasswordChangeWindow", $"'{options.PasswordChangeWindow}' is not a positive duration (e.g. \"24h\")");
        }

        if (options.DeviceCookieDays is < 1 or > 400)
        {
            errors.Add($"{where}:DeviceCookieDays", $"{options.DeviceCookieDays} is outside 1..400 (browsers cap cookie lifetimes at 400 days)");
        }

        return errors.Count > count
            ? null
            : new RiskSettings(
                options.ImpossibleTravelSpeedKmh,
                byCity,
                options.NewLocationIncludesAsn,
                window,
                options.RevokeTrustedDevicesOnPasswordChange,
                TimeSpan.FromDays(options.DeviceCookieDays));
    }
}
