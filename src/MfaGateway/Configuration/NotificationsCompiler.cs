using MfaGateway.Notifications;
using MfaGateway.Validation;

namespace MfaGateway.Configuration;

internal static class NotificationsCompiler
{
    private const string Section = "Gateway:Notifications";

    public static NotificationSettings? Compile(NotificationsOptions options, ICollection<ConfigError> errors)
    {
        var count = errors.Count;
        var off = new HashSet<NotificationKind>();
        for (var i = 0; i < options.Off.Count; i++)
        {
            if (ConfigEnum.TryParse<NotificationKind>(options.Off[i], out var kind))
            {
                off.Add(kind);
            }
            else
            {
                errors.Add($"{Section}:Off:{i}", ConfigEnum.NotOneOf<NotificationKind>(options.Off[i]));
            }
        }

        if (options.FailedAttemptsThreshold is < 2 or > 100)
        {
            errors.Add($"{Section}:FailedAttemptsThreshold", $"{options.FailedAttemptsThreshold} is outside 2 to 100");
        }

        if (options.MaxAttempts is < 1 or > 50)
        {
            errors.Add($"{Section}:MaxAttempts", $"{options.MaxAttempts} is outside 1 to 50");
        }

        if (!DurationParser.TryParse(options.RetryAfter, out var retryAfter) || retryAfter > NotificationSettings.MaxRetryAfter)
        {
            errors.Add($"{Section}:RetryAfter", $"'{options.RetryAfter}' is not a positive duration of at most an hour");
        }

        return errors.Count == count ? new NotificationSettings(off, options.MaxAttempts, retryAfter) { FailedAttemptsThreshold = options.FailedAttemptsThreshold } : null;
    }
}
