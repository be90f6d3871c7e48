namespace MfaGateway.Devices;

/// <summary>The devices the request's own cookies name, so that a list can say "This device".</summary>
/// <param name="KnownDeviceId">From the device-id cookie (mfa-did), when it verifies.</param>
/// <param name="TrustedDeviceId">From the app's remembered-device cookie, when it verifies.</param>
public sealed record CurrentDevice(string? KnownDeviceId, string? TrustedDeviceId);
