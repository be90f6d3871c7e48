using MfaGateway.Validation;

namespace MfaGateway.Configuration;

/// <summary>"Gateway:Challenge": how long a challenge lives and how many wrong codes it takes.</summary>
internal static class ChallengeCompiler
{
    public static ChallengeSettings? Compile(ChallengeOptions options, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        if (!DurationParser.TryParse(options.Lifetime, out var lifetime))
        {
            errors.Add("Gateway:Challenge:Lifetime", $"'{options.Lifetime}' is not a positive duration");
        }

        if (options.MaxFailures is < 1 or > 20)
        {
            errors.Add("Gateway:Challenge:MaxFailures", $"{options.MaxFailures} is outside 1..20");
        }

        if (options.MaxConsecutiveUserFailures is < 1 or > 100)
        {
            errors.Add("Gateway:Challenge:MaxConsecutiveUserFailures", $"{options.MaxConsecutiveUserFailures} is outside 1..100 (NIST SP 800-63B 5.2.2 allows at most 100)");
        }

        if (options.MaxPreservedFormBytes is < 0 or > 1024 * 1024)
        {
            errors.Add("Gateway:Challenge:MaxPreservedFormBytes", $"{options.MaxPreservedFormBytes} is outside 0..1048576");
        }

        return errors.Count > count ? null : new ChallengeSettings(lifetime, options.MaxFailures, options.MaxConsecutiveUserFailures, options.MaxPreservedFormBytes);
    }
}
