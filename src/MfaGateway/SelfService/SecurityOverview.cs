using MfaGateway.Factors.Recovery;
using MfaGateway.Storage;

namespace MfaGateway.SelfService;

/// <summary>Everything the security page shows about the user's two-step verification.</summary>
/// <param name="CurrentDeviceId">The remembered device this request comes from, if any.</param>
/// <param name="MfaRequired">Whether the user will have to set MFA up again if they turn it off.</param>
/// <param name="ChangesAllowedUntil">Until when changes go through without a new code; null without an MFA.</param>
public sealed record SecurityOverview(
    string User,
    string App,
    IReadOnlyList<FactorRecord> Factors,
    int RecoveryCodesLeft,
    IReadOnlyList<TrustedDeviceRecord> Devices,
    string? CurrentDeviceId,
    bool MfaRequired,
    DateTimeOffset? MfaAt,
    DateTimeOffset? ChangesAllowedUntil,
    bool ChangesAllowedNow)
{
    public bool MfaOn => Factors.Count > 0;

    public bool FewRecoveryCodesLeft => MfaOn && RecoveryCodesLeft <= RecoveryCodeService.LowWatermark;
}
