using MfaGateway.Devices;

namespace MfaGateway.Administration;

/// <summary>One of a user's devices, as an administrator sees it: recognised, remembered, or both.</summary>
/// <param name="Id">What DELETE /users/{realm}/{user}/devices/{id} and `user forget-device` take.</param>
/// <param name="Browser">A short description from the User-Agent, such as "Firefox on Linux".</param>
/// <param name="LastPlace">Where it was last seen ("Lisbon, Portugal"), when the address could be located.</param>
/// <param name="Recognised">The user passed MFA on it: a RiskBased policy's new-device trigger stays quiet there.</param>
/// <param name="RememberedUntil">Until when it signs in without a code; null when it is not remembered.</param>
public sealed record DeviceStatus(
    string Id,
    string Browser,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string? LastIp,
    string? LastPlace,
    bool Recognised,
    bool Remembered,
    DateTimeOffset? RememberedUntil)
{
    public static DeviceStatus From(UserDevice device) => new(
        device.Id, device.Browser, device.FirstSeen, device.LastSeen, device.LastIp, device.LastPlace, device.Recognised, device.Remembered, device.RememberedUntil);
}
