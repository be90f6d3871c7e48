using System.Globalization;
using MfaGateway.Networking;

namespace MfaGateway.Audit;

/// <summary>Audit events of passkeys and security keys whose detail has a fixed shape, so every caller writes it alike.</summary>
public static class WebAuthnAuditEvents
{
    /// <summary>
    /// Records <see cref="AuditEventTypes.WebAuthnCounterRegression"/>. A refused assertion is a
    /// failure; one let through under CounterRegression Flag is a success, marked "flagged", because the
    /// user did get in and an administrator must be able to find those sign-ins.
    /// </summary>
    /// <param name="refused">The assertion was refused (CounterRegression Refuse) rather than passed and flagged.</param>
    public static Task RecordCounterRegressionAsync(
        this AuditLog audit, RequestOrigin? origin, string realm, string user, string factorId, uint stored, uint presented, bool refused) =>
        audit.RecordAsync(origin, realm, user, AuditEventTypes.WebAuthnCounterRegression, refused ? AuditOutcomes.Failure : AuditOutcomes.Success,
            // The WebAuthn factor type, written out: the factors record audit events, so Audit must not use them back.
            ("factor", "webauthn"),
            ("factor_id", factorId),
            ("stored_count", stored.ToString(CultureInfo.InvariantCulture)),
            ("presented_count", presented.ToString(CultureInfo.InvariantCulture)),
            ("action", refused ? "refused" : "flagged"));
}
