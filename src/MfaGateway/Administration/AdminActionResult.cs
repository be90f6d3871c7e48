using System.Text.Json.Serialization;

namespace MfaGateway.Administration;

/// <summary>What an administrative action changed, and the user's state afterwards.</summary>
/// <param name="Action">require_mfa, reset, revoke_devices, unlock or password_changed.</param>
/// <param name="RecoveryCodesRemoved">Unused recovery codes that were deleted.</param>
public sealed record AdminActionResult(
    string Action,
    UserStatus User,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FactorsRemoved = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RecoveryCodesRemoved = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DevicesRevoked = null);
