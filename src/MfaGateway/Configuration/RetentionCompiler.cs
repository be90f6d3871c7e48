using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:Retention": how long history is kept and how it is pruned.</summary>
internal static class RetentionCompiler
{
    public static Retention.RetentionSettings? Compile(RetentionOptions options, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        TimeSpan Duration(string? value, string key)
        {
            if (DurationParser.TryParse(value, out var duration))
            {
                return duration;
            }

            errors.Add($"Gateway:Retention:{key}", $"'{value}' is not a positive duration");
            return TimeSpan.Zero;
        }

        var settings = new Retention.RetentionSettings(
            Duration(options.Audit, nameof(options.Audit)),
            Duration(options.KnownDevices, nameof(options.KnownDevices)),
            Duration(options.KnownPlaces, nameof(options.KnownPlaces)),
            Duration(options.ExpiredTrustedDevices, nameof(options.ExpiredTrustedDevices)),
            Duration(options.Interval, nameof(options.Interval)),
            options.BatchSize);
        if (options.BatchSize is < 1 or > 100_000)
        {
            errors.Add("Gateway:Retention:BatchSize", $"{options.BatchSize} is outside 1..100000");
        }

        if (settings.Interval > TimeSpan.Zero && (settings.Interval < TimeSpan.FromMinutes(1) || settings.Interval > TimeSpan.FromDays(7)))
        {
            errors.Add("Gateway:Retention:Interval", $"'{options.Interval}' is outside 1m..7d");
        }

        return errors.Count > count ? null : settings;
    }
}
