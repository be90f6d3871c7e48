namespace MfaGateway.Notifications;

/// <summary>What happened on the user's account that they are told about (NIST SP 800-63B asks for binding and removal; the rest are FusionAuth-style alerts).</summary>
public enum NotificationKind
{
    /// <summary>A factor was enrolled (values: factor, factor_name).</summary>
    FactorAdded,

    /// <summary>A factor was removed (values: factor, factor_name).</summary>
    FactorRemoved,

    /// <summary>A recovery code passed a challenge (values: codes_left).</summary>
    RecoveryCodeUsed,

    /// <summary>Two-step verification was turned off, by the user or an administrator (values: by).</summary>
    MfaTurnedOff,

    /// <summary>A browser was remembered as trusted (values: browser, place, until).</summary>
    DeviceRemembered,

    /// <summary>Several wrong answers in a row (values: count).</summary>
    FailedAttempts,

    /// <summary>The app's password changed, as watched or reported (no values).</summary>
    PasswordChanged,

    /// <summary>A sign-in from a place not seen before, under a RiskBased policy (values: place, ip, browser).</summary>
    NewPlace,
}

/// <summary>
/// One notification for one user, with the facts its message shows. Never a code, a secret or a
/// link that signs in: whoever reads the user's mail must learn only that something happened.
/// </summary>
/// <param name="App">The protected app's display name, so the user knows which account.</param>
/// <param name="Values">The kind's facts by name (see <see cref="NotificationKind"/>), already safe to show; renderers encode them.</param>
public sealed record Notification(NotificationKind Kind, string Realm, string User, string App, DateTimeOffset At, IReadOnlyDictionary<string, string> Values);

/// <summary>Turns a notification into the message of one channel, from the operator's templates.</summary>
public interface INotificationContent
{
    Delivery.EmailMessage Email(Notification notification, string to);

    Delivery.SmsMessage Sms(Notification notification, string to);
}
