namespace MfaGateway.Administration;

/// <summary>A user's devices, most recently seen first.</summary>
public sealed record UserDeviceList(string Realm, string User, IReadOnlyList<DeviceStatus> Devices);
