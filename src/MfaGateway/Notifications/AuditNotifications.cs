using System.Collections.Frozen;
using System.Globalization;
using MfaGateway.Audit;

namespace MfaGateway.Notifications;

/// <summary>
/// Which recorded events the user is told of, and with which facts: the audit log already names each
/// change once, wherever it happens (security page, enrolment, admin API, CLI).
/// </summary>
public sealed class AuditNotifications(Notifier notifier, INotificationSettingsSource settings) : IAuditObserver
{
    private static readonly FrozenDictionary<string, NotificationKind> Kinds = new Dictionary<string, NotificationKind>
    {
        [AuditEventTypes.FactorEnrolled] = NotificationKind.FactorAdded,
        [AuditEventTypes.FactorRemoved] = NotificationKind.FactorRemoved,
        [AuditEventTypes.RecoveryCodeUsed] = NotificationKind.RecoveryCodeUsed,
        [AuditEventTypes.MfaDisabled] = NotificationKind.MfaTurnedOff,
        [AuditEventTypes.AdminResetFactors] = NotificationKind.MfaTurnedOff,
        [AuditEventTypes.DeviceTrusted] = NotificationKind.DeviceRemembered,
        [AuditEventTypes.PasswordChanged] = NotificationKind.PasswordChanged,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public Task ObserveAsync(AuditEvent auditEvent)
    {
        // Told once per run of wrong codes, when it reaches the threshold: not again at every further guess.
        if (auditEvent.Type == AuditEventTypes.ChallengeFailed && auditEvent.User is { } guessed
            && auditEvent.Detail.TryGetValue("consecutive", out var run) && run == settings.Current.FailedAttemptsThreshold.ToString(CultureInfo.InvariantCulture))
        {
            return notifier.NotifyAsync(new Notification(NotificationKind.FailedAttempts, auditEvent.Realm, guessed, settings.Issuer, auditEvent.At,
                new Dictionary<string, string> { ["count"] = run }));
        }

        // The password was just used from a place the user never passed MFA at: worth knowing whatever the MFA's outcome.
        if (auditEvent.Type == AuditEventTypes.RiskEvaluated && auditEvent.User is { } located
            && auditEvent.Detail.TryGetValue("fired", out var fired) && fired.Split(", ").Contains("NewLocation", StringComparer.Ordinal))
        {
            return notifier.NotifyAsync(new Notification(NotificationKind.NewPlace, auditEvent.Realm, located, settings.Issuer, auditEvent.At, new Dictionary<string, string>
            {
                ["place"] = auditEvent.Detail.GetValueOrDefault("place") ?? "an unknown place",
                ["ip"] = auditEvent.ClientIp ?? "an unknown address",
            }));
        }

        if (auditEvent.User is not { } user || auditEvent.Outcome != AuditOutcomes.Success || !Kinds.TryGetValue(auditEvent.Type, out var kind))
        {
            return Task.CompletedTask;
        }

        var values = new Dictionary<string, string>();
        if (auditEvent.Detail.TryGetValue("factor", out var factor))
        {
            values["factor"] = factor;
        }

        if (auditEvent.Detail.TryGetValue("remaining", out var left))
        {
            values["codes_left"] = left;
        }

        return notifier.NotifyAsync(new Notification(kind, auditEvent.Realm, user, settings.Issuer, auditEvent.At, values));
    }
}
