namespace MfaGateway.Configuration;

/// <summary>"Gateway:Notifications": which account changes users are told of by e-mail, and how delivery is retried.</summary>
public sealed class NotificationsOptions
{
    /// <summary>Kinds turned off (FactorAdded, FactorRemoved, RecoveryCodeUsed, MfaTurnedOff, DeviceRemembered, PasswordChanged, FailedAttempts, NewPlace); all others are sent.</summary>
    public List<string> Off { get; set; } = [];

    /// <summary>FailedAttempts is sent when this many wrong codes in a row are entered for the user (once per run).</summary>
    public int FailedAttemptsThreshold { get; set; } = 5;

    /// <summary>Attempts before a notification is given up (kept, with its last error).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; each later one doubles it, up to an hour.</summary>
    public string RetryAfter { get; set; } = "30s";
}
