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
    public bool IsValid(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
