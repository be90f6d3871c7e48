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
    /// <summary>The policy asked no MFA of the user (Disabled, or Optional and not enrolled).</summary>
    public static GatewaySession IdentifiedWithoutMfa(string app, string user, string binding, DateTimeOffset now, TimeSpan lifetime) =>
        new(app, user, [], null, now, now + lifetime, binding);

    /// <summary>The user has just passed a challenge with <paramref name="factor"/>.</summary>
    public static GatewaySession AfterMfa(string app, string user, string factor, string binding, DateTimeOffset now, TimeSpan lifetime) =>
        new(app, user, [factor], now, now, now + lifetime, binding);

    /// <summary>The user skipped enrolment: a Required policy with a grace period lets them pass until <paramref name="graceUntil"/>.</summary>
    public static GatewaySession InGracePeriod(string app, string user, string binding, DateTimeOffset? graceUntil, DateTimeOffset now, TimeSpan lifetime) =>
        IdentifiedWithoutMfa(app, user, binding, now, lifetime) with { GraceUntil = graceUntil };

    /// <summary>
    /// A remembered device stands in for the challenge: the session records the factor and time of the
    /// MFA that trusted the device (so a step-up MaxAge counts from then), and the device, so revoking it ends the session.
    /// </summary>
    public static GatewaySession FromTrustedDevice(string app, string user, string binding, string deviceId, string factor, DateTimeOffset trustedAt, DateTimeOffset now, TimeSpan lifetime) =>
        new(app, user, [factor], trustedAt, now, now + lifetime, binding) { DeviceId = deviceId };

    /// <summary>This session after a quiet risk check of <paramref name="checkedTriggers"/>: the clearance is added to any earlier one.</summary>
    public GatewaySession ClearedByRisk(Risk.RiskTriggers checkedTriggers, DateTimeOffset now) =>
        this with { RiskClearedAt = now, RiskCleared = RiskCleared | checkedTriggers };

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

    /// <summary>
    /// Random and kept by every re-issue (`with` copies it), so ending it at sign-out also ends the
    /// copies made when the app rotated its cookie.
    /// </summary>
    public string Id { get; init; } = SessionIds.New();

    /// <summary>
    /// The user's session epoch when the session was first written; null until then (the cookie writer
    /// stamps it). Ending all of a user's sessions raises the epoch, so every lower one is ended.
    /// </summary>
    public long? Epoch { get; init; }

    /// <summary>
    /// Set when the user changed their own password in this session with a fresh MFA: that change is
    /// theirs, so it does not count against this session as "changed since the last MFA".
    /// </summary>
    public DateTimeOffset? OwnPasswordChangeAt { get; init; }

    /// <summary>
    /// Since when the gateway has vouched for this session's user: the later of the MFA, the quiet risk
    /// check and their own password change. Session times are kept to the millisecond while the change
    /// is known to the tick, so one millisecond is added: the change came before, not after.
    /// </summary>
    public DateTimeOffset? VouchedSince => Latest(Latest(MfaAt, RiskClearedAt), OwnPasswordChangeAt + TimeSpan.FromMilliseconds(1));

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a > b || b is null ? a : b;
}
