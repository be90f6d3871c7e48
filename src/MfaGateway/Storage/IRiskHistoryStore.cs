namespace MfaGateway.Storage;

/// <summary>What risk evaluation compares a sign-in with: the user's devices, places and last MFA position.</summary>
public interface IRiskHistoryStore
{
    /// <summary>
    /// What one risk evaluation compares with, read in one round trip: whether the device is known
    /// (false without a device id), the user's places (empty unless asked for) and the last MFA
    /// position (null unless asked for).
    /// </summary>
    Task<RiskHistory> ReadForRiskAsync(long userId, string? deviceId, bool places, bool lastMfa, CancellationToken cancellationToken);

    Task<KnownDevice?> FindDeviceAsync(long userId, string deviceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<KnownDevice>> ListDevicesAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Adds the device, or refreshes last seen, IP, place and browser of a known one (first seen is kept).</summary>
    Task RememberDeviceAsync(KnownDevice device, CancellationToken cancellationToken);

    /// <summary>Forgets the device: the browser is a new device to the user again. False when it was not known.</summary>
    Task<bool> ForgetDeviceAsync(long userId, string deviceId, CancellationToken cancellationToken);

    /// <summary>Forgets every device of the user and returns how many there were.</summary>
    Task<int> ForgetAllDevicesAsync(long userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<KnownPlace>> ListPlacesAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Adds the place, or refreshes last seen and coordinates of a known one.</summary>
    Task RememberPlaceAsync(long userId, KnownPlace place, CancellationToken cancellationToken);

    Task<MfaPosition?> FindMfaPositionAsync(long userId, CancellationToken cancellationToken);

    Task SetMfaPositionAsync(long userId, MfaPosition position, CancellationToken cancellationToken);

    /// <summary>
    /// After a passed MFA, all or nothing: the device remembered as <see cref="RememberDeviceAsync"/>
    /// does, the place (when located) as <see cref="RememberPlaceAsync"/> does, and the MFA position set.
    /// </summary>
    Task RecordMfaAsync(KnownDevice device, KnownPlace? place, MfaPosition position, CancellationToken cancellationToken);
}
