namespace MfaGateway.Storage;

/// <summary>A browser the user has passed MFA on, recognised by its device-id cookie.</summary>
/// <param name="Browser">A short summary of the user agent ("Firefox on Linux"), never the full string.</param>
/// <param name="LastPlace">Where the device was last seen ("Lisbon, Portugal"), when the address could be located.</param>
public sealed record KnownDevice(
    long UserId,
    string DeviceId,
    string Browser,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string? LastIp,
    string? LastPlace);
