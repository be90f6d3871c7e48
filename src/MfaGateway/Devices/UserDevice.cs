namespace MfaGateway.Devices;

/// <summary>
/// One browser in a user's device list: recognised (the user passed MFA on it, so a RiskBased policy's
/// new-device trigger stays quiet there), remembered ("Remember this device": it signs in without a
/// code until <paramref name="RememberedUntil"/>), or both.
/// </summary>
/// <param name="Id">What forgetting names: <see cref="DeviceListId"/> of the known device, else the remembered device's id.</param>
/// <param name="Browser">A short description from the User-Agent ("Firefox on Linux").</param>
/// <param name="LastPlace">Where it was last seen ("Lisbon, Portugal"), when the address could be located.</param>
/// <param name="Current">The request that asked for the list comes from this browser.</param>
public sealed record UserDevice(
    string Id,
    string Browser,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string? LastIp,
    string? LastPlace,
    bool Recognised,
    DateTimeOffset? RememberedUntil,
    bool Current)
{
    public bool Remembered => RememberedUntil is not null;
}
