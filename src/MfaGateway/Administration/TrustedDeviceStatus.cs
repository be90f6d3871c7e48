using MfaGateway.Storage;

namespace MfaGateway.Administration;

/// <summary>One of a user's remembered devices, as an administrator sees it.</summary>
/// <param name="Browser">A short description from the User-Agent, such as "Firefox on Linux".</param>
/// <param name="LastIp">The address the device was last used from.</param>
public sealed record TrustedDeviceStatus(string Id, string Browser, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? LastIp, DateTimeOffset ExpiresAt)
{
    public static TrustedDeviceStatus From(TrustedDeviceRecord device) =>
        new(device.Id, device.Browser, device.FirstSeen, device.LastSeen, device.LastIp, device.ExpiresAt);
}
