using System.Text.Json.Serialization;

namespace MfaGateway.Administration;

/// <summary>What an administrative action changed, and the user's state afterwards.</summary>
/// <param name="Action">require_mfa, reset, revoke_devices, unlock, password_changed or sign_out_everywhere.</param>
/// <param name="RecoveryCodesRemoved">Unused recovery codes that were deleted.</param>
/// <param name="DevicesRevoked">Remembered devices revoked.</param>
/// <param name="DevicesForgotten">Devices of the user's list forgotten, recognised or remembered: each is asked for a code at its next sign-in.</param>
public sealed record AdminActionResult(
    string Action,
    UserStatus User,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FactorsRemoved = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RecoveryCodesRemoved = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DevicesRevoked = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DevicesForgotten = null);
