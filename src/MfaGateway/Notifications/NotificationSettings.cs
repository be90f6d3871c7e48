namespace MfaGateway.Notifications;

/// <param name="Off">Kinds not sent.</param>
public sealed record NotificationSettings(IReadOnlySet<NotificationKind> Off, int MaxAttempts, TimeSpan RetryAfter)
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    /// <summary>Wrong codes in a row that make a FailedAttempts notice (FusionAuth's alert); told once, when the run reaches it.</summary>
    public int FailedAttemptsThreshold { get; init; } = 5;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: doubling from <see cref="RetryAfter"/>, capped at an hour.</summary>
    public TimeSpan WaitAfter(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryAfter.Ticks, RetryAfter.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20))));
}

public interface INotificationSettingsSource
{
    NotificationSettings Current { get; }

    /// <summary>The gateway's name as users know it (Gateway:Issuer), which notifications say they come from.</summary>
    string Issuer { get; }
}
