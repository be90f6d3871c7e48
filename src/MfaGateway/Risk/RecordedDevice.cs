namespace MfaGateway.Risk;

/// <summary>The browser's device id after a passed challenge.</summary>
/// <param name="IssuedToken">Set when the id is new: the device cookie to give the browser.</param>
public sealed record RecordedDevice(string DeviceId, string? IssuedToken);
