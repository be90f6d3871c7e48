using MfaGateway.Identity;
using MfaGateway.Policies;

namespace MfaGateway.Decisions;

/// <summary>
/// Everything known about one request when the decision is asked. Staged inputs (identity, user
/// facts, risk, device, password change) are null until gathered: <see cref="AccessDecider"/> says
/// which one it needs next. A struct, so asking costs no allocation on the proxied path.
/// </summary>
public readonly record struct AccessRequest
{
    public required RoutePolicy Policy { get; init; }

    public required RequestPurpose Purpose { get; init; }

    /// <summary>The time the decision is made for; session freshness and issue times use it.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The app a new session is issued for; null when no app covers the route.</summary>
    public required string? App { get; init; }

    /// <summary>How long a session issued now lives.</summary>
    public required TimeSpan SessionLifetime { get; init; }

    public Identification? Identification { get; init; }

    /// <summary>The presented session was opened by a remembered device that has since been revoked.</summary>
    public bool SessionDeviceRevoked { get; init; }

    public PasswordChangeFinding? PasswordChange { get; init; }

    public UserFacts? User { get; init; }

    public RiskFinding? Risk { get; init; }

    public DeviceFinding? Device { get; init; }
}
