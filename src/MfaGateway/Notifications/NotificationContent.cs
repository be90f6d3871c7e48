using System.Globalization;
using MfaGateway.Delivery;
using MfaGateway.Delivery.Email;

namespace MfaGateway.Notifications;

/// <summary>
/// The words of each notification: what happened, the facts, and what to do if it was not the user.
/// E-mail goes through the operator's "notification" template; SMS is one short sentence.
/// </summary>
public sealed class NotificationContent(IEmailSettingsSource email) : INotificationContent
{
    private const string NotYou = "If this was not you, sign in and check your security settings, or contact your administrator.";

    public EmailMessage Email(Notification notification, string to)
    {
        var (headline, details) = Words(notification);
        return (email.Current?.Templates ?? EmailTemplates.BuiltIn).Render(EmailTemplates.Notification, to, new Dictionary<string, string>
        {
            ["headline"] = headline,
            ["details"] = details,
            ["advice"] = notification.Kind == NotificationKind.MfaTurnedOff
                ? "If this was not you, someone may have your password: change it now and contact your administrator."
                : NotYou,
            ["app"] = notification.App,
            ["when"] = notification.At.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture),
        });
    }

    public SmsMessage Sms(Notification notification, string to) =>
        new(to, $"{notification.App}: {Words(notification).Headline} Not you? Check your security settings.");

    private static (string Headline, string Details) Words(Notification notification)
    {
        var value = (string key) => notification.Values.GetValueOrDefault(key) ?? string.Empty;
        return notification.Kind switch
        {
            NotificationKind.FactorAdded => ("A verification method was added.", $"{Factor(value("factor"))} was added to your account and can now be used to sign in."),
            NotificationKind.FactorRemoved => ("A verification method was removed.", $"{Factor(value("factor"))} was removed from your account and no longer signs you in."),
            NotificationKind.RecoveryCodeUsed => ("A recovery code was used.", $"One of your recovery codes was used to sign in. Recovery codes left: {value("codes_left")}."),
            NotificationKind.MfaTurnedOff => ("Two-step verification was turned off.", "Your verification methods, recovery codes and remembered devices were removed. Your password alone now signs you in."),
            NotificationKind.DeviceRemembered => ("A device was remembered.", "A browser was remembered for your account: it will not be asked for a code for a while."),
            NotificationKind.FailedAttempts => ("Several incorrect codes were entered.", $"{value("count")} incorrect codes were entered for your account in a row."),
            NotificationKind.PasswordChanged => ("Your password was changed.", "The password of your account was changed."),
            _ => ("Your password was used from a new place.", $"Your password was used to sign in from {value("place")} ({value("ip")}), where your account has not signed in before. The sign-in was asked for a second verification."),
        };
    }

    private static string Factor(string type) => type switch
    {
        "totp" => "An authenticator app",
        "webauthn" => "A passkey or security key",
        "email" => "An email address",
        "sms" => "A phone number",
        _ => "A verification method",
    };
}
