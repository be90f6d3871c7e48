using MfaGateway.Apps;
using MfaGateway.Policies;

namespace MfaGateway.Challenges;

/// <summary>Everything needed to open a challenge for an identified user.</summary>
public sealed record ChallengeRequest(
    ProtectedApp App,
    string User,
    RoutePolicy Policy,
    ChallengePurpose Purpose,
    string ReturnUrl,
    string SessionBinding,
    HeldBackResponse? HeldBack = null,
    PreservedForm? Form = null,
    UnsentFormReason? UnsentForm = null,
    IReadOnlyList<string>? RiskReasons = null,
    string? Action = null,
    string? IdentityEmail = null);
