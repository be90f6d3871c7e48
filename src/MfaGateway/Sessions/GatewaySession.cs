namespace MfaGateway.Sessions;

/// <summary>
/// What the gateway knows about a browser or API client after identification, carried in a
/// signed and encrypted cookie (or header) so the hot path needs no store round trip.
/// </summary>
/// <param name="Factors">Factor types used at the last MFA; empty when the user was identified without MFA (Optional policy, not enrolled).</param>
/// <param name="MfaAt">When the last MFA succeeded; null when none was done.</param>
/// <param name="Binding">Hash of the app's session cookie (form login), empty for header or JWT identities.</param>
public sealed record GatewaySession(
    string App,
    string User,
    IReadOnlyList<string> Factors,
    DateTimeOffset? MfaAt,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string Binding)
{
    /// <summary>Set when a remembered device opened the session instead of a challenge: revoking the device ends it.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Set when the user skipped enrolment in a grace period: until then a Required policy lets them pass.</summary>
    public DateTimeOffset? GraceUntil { get; init; }

    /// <summary>
    /// Set when a RiskBased policy let the user in without MFA: when, and which triggers were checked
    /// and found quiet. Another RiskBased policy accepts the session only if it checks no other trigger.
    /// </summary>
    public DateTimeOffset? RiskClearedAt { get; init; }

    public Risk.RiskTriggers RiskCleared { get; init; }
}
