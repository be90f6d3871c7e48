using System.Globalization;
using MfaGateway.Factors.SentCodes;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:SentCodes": checked against NIST SP 800-63B's floor (six digits) and a ten-minute ceiling.</summary>
internal static class SentCodesCompiler
{
    private const string Section = "Gateway:SentCodes";

    public static SentCodeSettings? Compile(SentCodesOptions options, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        if (options.Digits is < SentCodeSettings.MinDigits or > SentCodeSettings.MaxDigits)
        {
            errors.Add($"{Section}:Digits", string.Create(CultureInfo.InvariantCulture,
                $"{options.Digits} is outside {SentCodeSettings.MinDigits} to {SentCodeSettings.MaxDigits} (NIST SP 800-63B asks for at least six)"));
        }

        if (!DurationParser.TryParse(options.Lifetime, out var lifetime))
        {
            errors.Add($"{Section}:Lifetime", $"'{options.Lifetime}' is not a positive duration");
        }
        else if (lifetime > SentCodeSettings.MaxLifetime)
        {
            errors.Add($"{Section}:Lifetime", $"'{options.Lifetime}' is longer than 10 minutes: a sent code must be short-lived");
        }

        if (!DurationParser.TryParse(options.ResendCooldown, out var cooldown))
        {
            errors.Add($"{Section}:ResendCooldown", $"'{options.ResendCooldown}' is not a positive duration");
        }
        else if (lifetime > TimeSpan.Zero && cooldown >= lifetime)
        {
            errors.Add($"{Section}:ResendCooldown", "must be shorter than Lifetime, or a lost code could not be replaced before it expires");
        }

        var limits = options.Limits;
        foreach (var (name, value) in new[] { ("PerUserPerHour", limits.PerUserPerHour), ("PerDestinationPerHour", limits.PerDestinationPerHour), ("PerClientPerHour", limits.PerClientPerHour) })
        {
            if (value is < 1 or > 10_000)
            {
                errors.Add($"{Section}:Limits:{name}", string.Create(CultureInfo.InvariantCulture, $"{value} is outside 1 to 10000"));
            }
        }

        return errors.Count == count
            ? new SentCodeSettings(options.Digits, lifetime, cooldown, new SendLimits(limits.PerUserPerHour, limits.PerDestinationPerHour, limits.PerClientPerHour))
            : null;
    }
}
