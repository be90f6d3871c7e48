namespace MfaGateway.Storage;

/// <param name="Id">Random 128-bit id, also carried (encrypted) in the device's cookie.</param>
/// <param name="Browser">A short description from the User-Agent ("Firefox on Linux"), for the user to recognise it.</param>
/// <param name="TrustedAt">When the MFA that trusted the device happened: the MFA time of sessions it opens.</param>
public sealed record TrustedDeviceRecord(
    string Id,
    long UserId,
    string Browser,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string? LastIp,
    DateTimeOffset TrustedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>
    /// The known device (the browser's device-id cookie) the MFA that trusted this device came from; null
    /// for devices remembered before the link existed. Forgetting either forgets both.
    /// </summary>
    public string? KnownDeviceId { get; init; }

    public bool IsValid(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
