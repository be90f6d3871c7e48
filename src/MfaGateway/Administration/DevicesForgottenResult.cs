namespace MfaGateway.Administration;

/// <summary>What forgetting devices changed, and the devices the user has left.</summary>
/// <param name="Action">forget_device or forget_devices.</param>
/// <param name="DevicesForgotten">Entries of the device list that are gone.</param>
/// <param name="DevicesRevoked">Remembered devices among them: they no longer sign in without a code, and their sessions end at their next request.</param>
/// <param name="KnownDevicesForgotten">Recognised devices among them: a RiskBased policy treats those browsers as new again.</param>
/// <param name="Devices">The user's devices afterwards.</param>
public sealed record DevicesForgottenResult(
    string Action,
    int DevicesForgotten,
    int DevicesRevoked,
    int KnownDevicesForgotten,
    IReadOnlyList<DeviceStatus> Devices);
